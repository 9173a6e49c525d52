using System.Globalization;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Inventory;
using KeyBuzz.Ctl.Output;
using KeyBuzz.Ctl.ProxySql;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `kbctl proxysql config|apply servers.tsv --cluster C --app-users USER:PWFILE[,…] --monitor-password-file F
/// --admin-password-file F --cluster-password-file F [--writer NODE] [tuning options] [--out DIR | --dry-run]`
/// and `kbctl proxysql switchover NODE servers.tsv … [--drain-timeout 30s]`. config is offline and writes
/// the admin SQL and the equivalent proxysql.cnf; apply and switchover talk to the admin interfaces
/// of every ProxySQL node of the cluster directly, in parallel. Invalid settings are refused first.
/// </summary>
internal static class ProxySqlCommand
{
    public static async Task<int> RunAsync(Arguments args, TextWriter output, TextWriter error, Func<CollectorConnection?>? collector = null, CancellationToken cancellationToken = default)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("proxysql needs an action: config, apply or switchover");
        if (action is not ("config" or "apply" or "switchover"))
        {
            throw new UsageException($"unknown proxysql action '{action}' (config, apply, switchover)");
        }

        var switchTo = action == "switchover" ? (args.Positional.Count > 0 ? args.Shift() : throw new UsageException("proxysql switchover needs the node to make writer, then servers.tsv")) : null;
        var file = args.Positional.Count > 0 ? args.Shift() : throw new UsageException($"proxysql {action} needs the servers.tsv file");
        var settings = await ProxySqlSettingsReader.ReadAsync(args, file);
        var outDir = action == "config" ? args.Option("--out") : null;
        var dryRun = action == "apply" && args.Flag("--dry-run");
        var allowFailback = action == "apply" && args.Flag("--allow-failback");
        var drain = action == "switchover" ? TimeArgument.Duration(args.Option("--drain-timeout") ?? "30s", "--drain-timeout") : TimeSpan.Zero;
        args.EnsureConsumed(0);

        var errors = ProxySqlValidator.Validate(settings);
        if (errors.Count > 0)
        {
            return await GeneratedFiles.RefuseAsync(errors, error);
        }

        if (action != "config")
        {
            var code = await ProxySqlApplyCommand.RunAsync(settings, switchTo, dryRun, allowFailback, drain, output, error, cancellationToken);
            if (code == ExitCodes.Ok && action == "apply" && !dryRun)
            {
                await AppliedConfigRecorder.RecordAsync(settings, collector?.Invoke(), output, error, cancellationToken);
            }

            return code;
        }

        var sql = AdminSqlRenderer.Render(settings);
        if (outDir is null)
        {
            await output.WriteAsync(sql);
            return ExitCodes.Ok;
        }

        Directory.CreateDirectory(outDir);
        // One proxysql.cnf per ProxySQL node: each listens on its own address.
        var files = settings.Proxies.Select(p => ($"proxysql-{p.Name}.cnf", CnfRenderer.Render(settings, p.Host))).Prepend(("proxysql-admin.sql", sql));
        foreach (var (name, content) in files)
        {
            await GeneratedFiles.WriteSecretAsync(Path.Combine(outDir, name), content, output); // holds passwords
        }

        return ExitCodes.Ok;
    }
}
