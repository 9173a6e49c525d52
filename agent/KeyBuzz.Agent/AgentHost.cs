using KeyBuzz.Agent.Core.Buffering;
using KeyBuzz.Agent.Commands;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Agent.Sampling.ProxySql;
using KeyBuzz.Agent.Sampling;
using KeyBuzz.Agent.Shipping;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace KeyBuzz.Agent;

/// <summary>Composition root: configuration, logging, samplers, shipper.</summary>
internal static class AgentHost
{
    public static IHost Build(string configPath)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration
            .AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false) // relative to the working directory, not the binary
            .AddEnvironmentVariables("KEYBUZZ_");

        builder.Services.AddOptions<AgentOptions>().Bind(builder.Configuration.GetSection(AgentOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<GaleraOptions>().Bind(builder.Configuration.GetSection(GaleraOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<GaleraOptions>, GaleraOptionsValidator>();
        builder.Services.AddOptions<RepairOptions>().Bind(builder.Configuration.GetSection(RepairOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RepairOptions>, RepairOptionsValidator>();
        builder.Services.AddOptions<ProxySqlOptions>().Bind(builder.Configuration.GetSection(ProxySqlOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProxySqlOptions>, ProxySqlOptionsValidator>();
        var proxysql = builder.Configuration[$"{AgentOptions.Section}:Role"] == "proxysql";

        var logDirectory = builder.Configuration[$"{AgentOptions.Section}:LogDirectory"];
        var logConfig = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("System.Net.Http", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Grpc", Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}");
        if (!string.IsNullOrWhiteSpace(logDirectory))
        {
            logConfig.WriteTo.File(Path.Combine(logDirectory, "kb-agent-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        }

        builder.Services.AddSerilog(logConfig.CreateLogger(), dispose: true);
        builder.Services.AddSystemd();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new ReadingBuffer<Reading>(sp.GetRequiredService<IOptions<AgentOptions>>().Value.BufferCapacity));
        builder.Services.AddSingleton<IStateFileStore, StateFileStore>();
        builder.Services.AddSingleton<IProcessProbe, PidFileProcessProbe>();
        builder.Services.AddSingleton<IDatadirProbe, StatxDatadirProbe>();
        builder.Services.AddSingleton<MariaDbConnector>();
        builder.Services.AddSingleton<IGaleraSampler, ProcessSampler>();
        builder.Services.AddSingleton<IGaleraSampler, ServerStatusSampler>();
        builder.Services.AddSingleton<IGaleraSampler, GrastateSampler>();
        builder.Services.AddSingleton<IGaleraSampler, GvwstateSampler>();
        builder.Services.AddSingleton<IGaleraSampler, RepairSampler>();
        builder.Services.AddSingleton<AgentHelloFactory>();
        builder.Services.AddSingleton<CommandRunner>();
        builder.Services.AddSingleton<RepairState>();
        builder.Services.AddSingleton<RepairJournal>();
        builder.Services.AddSingleton<GrantLedger>();
        builder.Services.AddSingleton<FencingLedger>();
        builder.Services.AddSingleton<GrastateEditor>();
        builder.Services.AddSingleton<PeerProbe>();
        builder.Services.AddSingleton<NodeActionLock>();
        builder.Services.AddSingleton<LocalObserver>();
        builder.Services.AddSingleton<WsrepRecoverRunner>();
        builder.Services.AddSingleton<PositionRecovery>();
        builder.Services.AddSingleton<CommandResults>();
        builder.Services.AddSingleton<CommandGate>();
        builder.Services.AddSingleton<BootstrapCommand>();
        builder.Services.AddSingleton<StartCommand>();
        builder.Services.AddSingleton<FenceCommand>();
        builder.Services.AddSingleton<OperatorCommands>();
        builder.Services.AddSingleton<ProxySqlCommands>();
        builder.Services.AddSingleton<CommandExecutor>();
        builder.Services.AddSingleton<ConfigFragmentWriter>();
        builder.Services.AddSingleton<ProxySqlServiceControl>();
        builder.Services.AddSingleton<SystemdServiceControl>();
        builder.Services.AddSingleton<ProcessServiceControl>();
        builder.Services.AddSingleton<IServiceControl>(sp => sp.GetRequiredService<IOptions<RepairOptions>>().Value.ServiceControl == "process"
            ? sp.GetRequiredService<ProcessServiceControl>()
            : sp.GetRequiredService<SystemdServiceControl>());
        builder.Services.AddSingleton<AdminConnector>();
        builder.Services.AddSingleton<IProxySqlSampler, GaleraLogSampler>();
        foreach (var (name, sql) in AdminTableSampler.Tables)
        {
            builder.Services.AddSingleton<IProxySqlSampler>(sp => new AdminTableSampler(sp.GetRequiredService<AdminConnector>(), name, sql));
        }

        if (builder.Configuration.GetSection(ProxySqlOptions.Section)[nameof(ProxySqlOptions.LogPath)] is { Length: > 0 } proxySqlLog)
        {
            builder.Services.AddSingleton<IProxySqlSampler>(new ProxySqlLogSampler(proxySqlLog));
        }

        builder.Services.AddHostedService<StartupLogger>();
        if (proxysql)
        {
            // A ProxySQL node: no MariaDB here, so no self-repair and no Galera samplers.
            builder.Services.AddHostedService<ProxySqlSamplingLoop>();
        }
        else
        {
            builder.Services.AddHostedService<RepairLoop>();
            builder.Services.AddHostedService<SamplingLoop>();
        }

        builder.Services.AddHostedService<StreamShipper>();
        return builder.Build();
    }

    /// <summary>Resolves the options so their validators run (used by --check-config).</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<AgentOptions>>().Value;
        _ = services.GetRequiredService<IOptions<GaleraOptions>>().Value;
        _ = services.GetRequiredService<IOptions<RepairOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ProxySqlOptions>>().Value;
    }
}
