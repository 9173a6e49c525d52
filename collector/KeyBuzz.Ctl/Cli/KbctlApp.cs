using Grpc.Core;
using KeyBuzz.Ctl.Commands;

namespace KeyBuzz.Ctl.Cli;

/// <summary>Dispatches a kbctl command line and turns every failure into one clear line and an exit code.</summary>
internal static class KbctlApp
{
    public const string Usage =
        """
        usage: kbctl [--collector URL] [--token TOKEN] [--ca FILE] COMMAND [ARGS] [--json]
          status [--cluster NAME]                       every node of every cluster, one table per cluster
          history NODE --metric NAME [--since 10m] [--until TIME] [--cluster NAME] [--limit N]
          history NODE --metric NAME --step 1m [--since 24h] ...
                                                        stored values of one metric (wsrep_*, kb_* derived);
                                                        with --step: avg/min/max/last per step (1-minute
                                                        aggregates beyond raw retention)
          alerts [--cluster NAME]                       alerts pending or firing now
          events [--since 1h] [--cluster NAME] [--kind alert|view|drill|rollout] [--limit N]
                                                        alert transitions and membership changes
          bootstrap plan [--cluster NAME]               what the planner would decide now, and why
          bootstrap approve ROUND                       bootstrap the plan's candidate of a waiting/refused round
          bootstrap force NODE [--confirm NODE]         force NODE to bootstrap (asks you to type NODE)
          recovery history [--cluster NAME] [--limit N] past and current recovery rounds with their events
          recovery resolve-fork CLUSTER --reason TEXT [--confirm CLUSTER]
                                                        after a forked history was dealt with: resume automatic actions
          maintenance on|off NODE [--reason TEXT]       nothing automatic is done to a node in maintenance
          inventory render servers.tsv --out DIR [--force]
                                                        agent configs per node + collector files (offline)
          proxysql config servers.tsv --cluster NAME --app-users USER:PWFILE[,...] --monitor-password-file F
                 --admin-password-file F --cluster-password-file F [--writer NODE] [--out DIR]
                 [--admin-user radmin --cluster-user cluster --monitor-user monitor]
                 [--galera-interval 1000 --galera-timeout 800 --galera-max-timeouts 3 --ping-interval 2000
                  --ping-timeout 1000 --ping-max-failures 3 --max-latency-ms 1000 --connect-timeout-max 10000]
                                                        ProxySQL admin SQL + proxysql.cnf (offline)
          proxysql apply servers.tsv (same options) [--dry-run] [--allow-failback]
                                                        apply to every ProxySQL admin in parallel, changed modules only,
                                                        read back the runtime before SAVE; --dry-run: the diff
          proxysql switchover NODE servers.tsv (same options) [--drain-timeout 30s]
                                                        planned writer change on both proxies, then drain the old writer
          galera config [--ram-mib N] [--gcache-mib 1024] [--write-rate-kib-s R] [--fc-limit 256] [--keepalive 3]
                 [--suspect 10] [--inactive 30] [--sst rsync|mariabackup --sst-user U --sst-password-file F] [--out FILE]
                                                        Galera/InnoDB server config fragment (offline)
                 [--from-collector [--rate-since 7d] [--ist-window 4h]]
                                                        size gcache.size from the write rate the collector saw
          galera apply --fragment FILE [--dry-run] [--node-timeout 10m]
                                                        rolling apply, one node at a time (--dry-run: diff per node)
          galera drift | galera rollout                 live settings vs the applied fragment | latest rolling apply
          drill mariadb-node [NODE] [--kill] --sql H:P,H:P,H:P --db-password-file F [--db-user keybuzz_drill]
                 [--database keybuzz_drill] [--through PROXY:6033] [--down 10s]
                                                        stop (or kill) a node under writes; report gap, errors, lost writes
          drill proxysql-node PROXY [--kill] --through PROXY:6033,OTHER:6033 --sql H:P,... --db-password-file F ...
                                                        the same, stopping a ProxySQL node (its agent) while writing through it
          drill health                                  every node and proxy, one line each; exit 1 on any problem
          drill history [--since 30d]                   stored drill results
        --collector defaults to $KBCTL_COLLECTOR, else http://127.0.0.1:7171.
        --token defaults to $KBCTL_TOKEN, else the file $KBCTL_TOKEN_FILE or ~/.config/keybuzz/kbctl.token.
        --ca (or $KBCTL_CA): the cluster CA for an https:// collector (ca.crt from `kb-collector tls init`).
        Exit codes: 0 ok, 1 the collector refused the request, 2 collector unreachable, 3 token missing or not allowed, 64 usage error.
        """;

    private static readonly HashSet<string> Flags = ["--json", "--help", "--force", "--from-collector", "--dry-run", "--kill", "--allow-failback"];

    public static Task<int> RunAsync(string[] argv, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(argv, output, error, TextReader.Null, cancellationToken);

    public static async Task<int> RunAsync(string[] argv, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken)
    {
        string? url = null;
        try
        {
            var args = Arguments.Parse(argv, Flags);
            var json = args.Flag("--json");
            url = args.Option("--collector");
            var token = args.Option("--token");
            var ca = args.Option("--ca");
            var help = args.Flag("--help");
            if (help || args.Positional.Count == 0)
            {
                await (help ? output : error).WriteAsync(Usage);
                return help ? ExitCodes.Ok : ExitCodes.Usage;
            }

            var command = args.Shift();
            if (command is "inventory" or "proxysql")
            {
                // no collector involved (proxysql apply/switchover talk to the ProxySQL admin interfaces directly)
                // proxysql apply records what it applied on the collector when one is named (drift alerts).
                CollectorConnection? Collector() => url is not null || Environment.GetEnvironmentVariable("KBCTL_COLLECTOR") is { Length: > 0 } ? CollectorConnection.Open(url, token, ca) : null;
                return command == "inventory" ? await InventoryCommand.RunAsync(args, output, error) : await ProxySqlCommand.RunAsync(args, output, error, Collector, cancellationToken);
            }

            if (command == "galera")
            {
                // config is offline unless it sizes the gcache from the collector's history
                return await GaleraCommand.RunAsync(args, () => CollectorConnection.Open(url, token, ca), json, output, error, cancellationToken);
            }

            using var collector = CollectorConnection.Open(url, token, ca);
            url = collector.Url;
            return command switch
            {
                "status" => await StatusCommand.RunAsync(collector, args, json, output, cancellationToken),
                "history" => await HistoryCommand.RunAsync(collector, args, json, output, cancellationToken),
                "bootstrap" => await BootstrapCommand.RunAsync(collector, args, json, output, input, cancellationToken),
                "recovery" => await RecoveryCommand.RunAsync(collector, args, json, output, input, cancellationToken),
                "maintenance" => await MaintenanceCommand.RunAsync(collector, args, output, cancellationToken),
                "alerts" => await AlertsCommand.RunAsync(collector, args, json, output, cancellationToken),
                "events" => await EventsCommand.RunAsync(collector, args, json, output, cancellationToken),
                "drill" => await DrillCommand.RunAsync(collector, args, json, output, cancellationToken),
                _ => throw new UsageException($"unknown command '{command}' (try: status, history, alerts, events, bootstrap, recovery, maintenance, drill, galera)"),
            };
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"kbctl: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal && ex.Status.Detail.Contains("SSL connection", StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"kbctl: TLS to {url ?? CollectorConnection.DefaultUrl} failed: the collector's certificate is not trusted or does not match its address. Pass --ca FILE (or KBCTL_CA) with the cluster CA from `kb-collector tls init`. ({ex.Status.Detail})");
            return ExitCodes.Unreachable;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            await error.WriteLineAsync($"kbctl: cannot reach the collector at {url ?? CollectorConnection.DefaultUrl} ({ex.Status.Detail}); is kb-collector running? Use --collector URL or set KBCTL_COLLECTOR.");
            return ExitCodes.Unreachable;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            await error.WriteLineAsync($"kbctl: not allowed: {ex.Status.Detail}");
            return ExitCodes.NotAllowed;
        }
        catch (RpcException ex)
        {
            await error.WriteLineAsync($"kbctl: the collector refused the request: {ex.Status.Detail}");
            return ExitCodes.Failed;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"kbctl: cannot reach the collector at {url ?? CollectorConnection.DefaultUrl} ({ex.Message}); is kb-collector running?");
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("kbctl: interrupted (Ctrl-C): what was already done is said above; run `kbctl status` to see the current state");
            return ExitCodes.Interrupted;
        }
        catch (ProxySql.AdminException ex)
        {
            await error.WriteLineAsync($"kbctl: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (MySqlConnector.MySqlException ex)
        {
            await error.WriteLineAsync($"kbctl: the database refused the drill's client: {ex.Message} (check --sql, --db-user, --db-password-file and that the user may create and write DATABASE.kb_drill)");
            return ExitCodes.Failed;
        }
    }
}
