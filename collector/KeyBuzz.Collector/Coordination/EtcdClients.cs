using Etcdserverpb;
using Grpc.Core;
using Grpc.Net.Client;
using V3Electionpb;

namespace KeyBuzz.Collector.Coordination;

/// <summary>etcd's generated gRPC clients over one channel, and etcd's own authentication when configured.</summary>
internal sealed class EtcdClients(GrpcChannel channel)
{
    public KV.KVClient Kv { get; } = new(channel);

    public Lease.LeaseClient Lease { get; } = new(channel);

    public Election.ElectionClient Election { get; } = new(channel);

    private Etcdserverpb.Auth.AuthClient EtcdAuth { get; } = new(channel);

    /// <summary>Headers for one cycle: etcd's auth token when a user is configured (tokens expire, so one per cycle).</summary>
    public async Task<Metadata> HeadersAsync(EtcdOptions options, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (options.Username.Length > 0)
        {
            var password = (await File.ReadAllTextAsync(options.PasswordFile, cancellationToken)).Trim();
            var reply = await EtcdAuth.AuthenticateAsync(new AuthenticateRequest { Name = options.Username, Password = password }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
            headers.Add("token", reply.Token);
        }

        return headers;
    }
}
