using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using KeyBuzz.Collector.Core.Coordination;
using Microsoft.Extensions.Options;
using V3Electionpb;

namespace KeyBuzz.Collector.Coordination;

/// <summary>
/// HA mode: campaigns in etcd's election service with a lease of its own. etcd picks the leader
/// (the oldest live campaign); this replica leads only from the moment its campaign returns and
/// only while Leadership.Leads proves its lease alive on its own clock, so a replica cut off from
/// etcd stops coordinating before another can be elected. Any doubt ends the cycle: the lease is
/// dropped and a new campaign starts with a new lease, never resuming an unproven one.
/// </summary>
internal sealed class EtcdLeaderElection(IOptions<EtcdOptions> options, TimeProvider time, ILogger<EtcdLeaderElection> logger) : BackgroundService, ICoordinatorRole
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private readonly EtcdOptions _options = options.Value;
    private readonly long _origin = time.GetTimestamp();
    private readonly Lock _lock = new();
    private LeaderLease? _lease;
    private LeaderKey? _leaderKey;
    private DateTimeOffset? _leaderSince;
    private long _electionsWon;
    private string _leaderName = string.Empty;
    private string _leaderUrl = string.Empty;
    private IReadOnlyList<string> _replicas = [];
    private string _problem = "not connected to etcd yet";

    private ByteString ElectionName => ByteString.CopyFromUtf8(_options.Prefix + "/leader");

    public bool IsLeader => LeadingToken is not null;

    public long? LeadingToken
    {
        get
        {
            lock (_lock)
            {
                return _leaderKey is not null && Leadership.Leads(_lease, Monotonic(), Margin) ? _leaderKey.Rev : null;
            }
        }
    }

    public CoordinatorState Describe()
    {
        lock (_lock)
        {
            // One lock for every field: a step-down between two reads must not mix two states.
            var leader = _leaderKey is not null && Leadership.Leads(_lease, Monotonic(), Margin);
            return new CoordinatorState("etcd", _options.Name, leader, _leaderName, _leaderUrl, leader ? _leaderSince : null, leader ? _leaderKey!.Rev : 0, _electionsWon, _replicas, _problem);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var channel = EtcdChannel.Create(_options);
        var client = new EtcdClients(channel);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CycleAsync(client, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (etcd, the password file, a bug), this replica does not lead and tries again.
                Report($"etcd: {Describe(e)}");
            }
            finally
            {
                StepDown();
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One lease, one campaign: ends when the lease can no longer be proven alive.</summary>
    private async Task CycleAsync(EtcdClients etcd, CancellationToken stoppingToken)
    {
        var headers = await etcd.HeadersAsync(_options, stoppingToken);
        var sentAt = Monotonic();
        var grant = await etcd.Lease.LeaseGrantAsync(new LeaseGrantRequest { TTL = _options.LeaseTtlSeconds }, headers, Deadline(), stoppingToken);
        if (!string.IsNullOrEmpty(grant.Error))
        {
            throw new IOException($"lease grant refused: {grant.Error}");
        }

        lock (_lock)
        {
            _lease = new LeaderLease(grant.ID, 0, sentAt, TimeSpan.FromSeconds(grant.TTL));
        }

        using var cycle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var keepAlive = KeepAliveAsync(etcd, grant.ID, headers, cycle);
        var observe = ObserveAsync(etcd, headers, cycle.Token);
        try
        {
            var value = ByteString.CopyFromUtf8(_options.Name + "\n" + _options.AdvertiseUrl);
            var won = await etcd.Election.CampaignAsync(new CampaignRequest { Name = ElectionName, Lease = grant.ID, Value = value }, headers, cancellationToken: cycle.Token);
            lock (_lock)
            {
                _leaderKey = won.Leader;
                _leaderSince = time.GetUtcNow();
                _electionsWon++;
                _leaderName = _options.Name;
                _leaderUrl = _options.AdvertiseUrl;
            }

            Diagnostics.Log.BecameLeader(logger, _options.Name, won.Leader.Rev);
            await keepAlive; // returns when the lease is no longer proven: the cycle ends
        }
        finally
        {
            await cycle.CancelAsync();
            await Task.WhenAll(keepAlive, observe).ContinueWith(_ => { }, TaskScheduler.Default);
            await ReleaseAsync(etcd, grant.ID, headers);
        }
    }

    /// <summary>Keep-alives every third of the TTL on one stream; returns (and cancels the cycle) once the lease is unproven.</summary>
    private async Task KeepAliveAsync(EtcdClients etcd, long leaseId, Metadata headers, CancellationTokenSource cycle)
    {
        Task? answers = null;
        try
        {
            using var call = etcd.Lease.LeaseKeepAlive(headers, cancellationToken: cycle.Token);
            var pending = new Queue<DateTimeOffset>();
            answers = Task.Run(
                async () =>
                {
                    await foreach (var answer in call.ResponseStream.ReadAllAsync(cycle.Token))
                    {
                        DateTimeOffset sent;
                        lock (_lock)
                        {
                            sent = pending.Count > 0 ? pending.Dequeue() : DateTimeOffset.MinValue;
                            _lease = _lease is null || _lease.LeaseId != answer.ID ? _lease : Leadership.AfterKeepAlive(_lease, sent, answer.TTL);
                        }
                    }
                },
                cycle.Token);
            var period = TimeSpan.FromSeconds(Math.Max(1, _options.LeaseTtlSeconds / 3.0));
            while (!cycle.IsCancellationRequested && !answers.IsCompleted)
            {
                lock (_lock)
                {
                    if (!Leadership.Leads(_lease, Monotonic(), Margin))
                    {
                        break; // expired in etcd, or not confirmed in time: this lease decides nothing more
                    }

                    pending.Enqueue(Monotonic());
                }

                await call.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = leaseId }, cycle.Token);
                await Task.Delay(period, time, cycle.Token);
            }

            if (answers.IsFaulted)
            {
                Report($"etcd keep-alive: {Describe(answers.Exception!.InnerException!)}");
            }
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException or InvalidOperationException)
        {
            if (!cycle.IsCancellationRequested)
            {
                Report($"etcd keep-alive: {Describe(e)}");
            }
        }
        finally
        {
            await cycle.CancelAsync();
            if (answers is not null)
            {
                // The reader of this cycle's answers ends with it: it must not touch the next cycle's lease.
                await answers.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Who leads, and which replicas campaign, for status; once a second.</summary>
    private async Task ObserveAsync(EtcdClients etcd, Metadata headers, CancellationToken cancellationToken)
    {
        var prefix = _options.Prefix + "/leader/";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var range = await etcd.Kv.RangeAsync(new RangeRequest { Key = ByteString.CopyFromUtf8(prefix), RangeEnd = ByteString.CopyFromUtf8(prefix[..^1] + "0"), SortTarget = RangeRequest.Types.SortTarget.Create, SortOrder = RangeRequest.Types.SortOrder.Ascend }, headers, Deadline(), cancellationToken);
                var campaigns = range.Kvs.Select(kv => kv.Value.ToStringUtf8().Split('\n')).ToList();
                lock (_lock)
                {
                    _replicas = [.. campaigns.Select(c => c[0])];
                    // etcd's election: the oldest campaign leads.
                    (_leaderName, _leaderUrl) = campaigns.Count > 0 ? (campaigns[0][0], campaigns[0].Length > 1 ? campaigns[0][1] : string.Empty) : (string.Empty, string.Empty);
                    _problem = string.Empty;
                }
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                Report($"etcd: {Describe(e)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void StepDown()
    {
        bool was;
        lock (_lock)
        {
            was = _leaderKey is not null;
            _leaderKey = null;
            _leaderSince = null;
            _lease = null;
        }

        if (was)
        {
            Diagnostics.Log.SteppedDown(logger, _options.Name, _problem);
        }
    }

    /// <summary>Best effort: revoking the lease deletes our campaign key at once, so a peer need not wait for the TTL.</summary>
    private async Task ReleaseAsync(EtcdClients etcd, long leaseId, Metadata headers)
    {
        StepDown();
        try
        {
            await etcd.Lease.LeaseRevokeAsync(new LeaseRevokeRequest { ID = leaseId }, headers, Deadline());
        }
        catch (RpcException)
        {
            // etcd unreachable: the lease expires on its own after the TTL.
        }
    }

    private void Report(string problem)
    {
        lock (_lock)
        {
            if (_problem == problem)
            {
                return;
            }

            _problem = problem;
        }

        Diagnostics.Log.EtcdProblem(logger, problem);
    }

    private DateTime Deadline() => DateTime.UtcNow + CallTimeout;

    /// <summary>
    /// Lease arithmetic runs on the monotonic clock: a wall-clock step (NTP, an operator) must not
    /// stretch a leadership past its lease.
    /// </summary>
    private DateTimeOffset Monotonic() => DateTimeOffset.UnixEpoch + time.GetElapsedTime(_origin);

    private static string Describe(Exception e) => e is RpcException r ? $"{r.StatusCode}: {r.Status.Detail}" : e.Message;
}
