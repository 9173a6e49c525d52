using System.Net;
using System.Security.Cryptography.X509Certificates;
using KeyBuzz.Collector.Alerts;
using KeyBuzz.Collector.Api;
using KeyBuzz.Collector.Auth;
using KeyBuzz.Collector.Events;
using KeyBuzz.Collector.Metrics;
using KeyBuzz.Collector.Grpc;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using KeyBuzz.Collector.Recovery;
using KeyBuzz.Collector.Sessions;
using KeyBuzz.Collector.WebConsole;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Serilog;

namespace KeyBuzz.Collector;

/// <summary>Composition root of the collector.</summary>
internal static class CollectorHost
{
    public static WebApplication Build(string? configPath)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        if (configPath is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables("KEYBUZZ_");
        builder.Services.AddOptions<CollectorOptions>().Bind(builder.Configuration.GetSection(CollectorOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CollectorOptions>, CollectorOptionsValidator>();
        builder.Services.AddOptions<RecoveryOptions>().Bind(builder.Configuration.GetSection(RecoveryOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RecoveryOptions>, RecoveryOptionsValidator>();
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton<TokenValidator>();
        builder.Services.AddOptions<AlertOptions>().Bind(builder.Configuration.GetSection(AlertOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        builder.Services.AddOptions<Coordination.EtcdOptions>().Bind(builder.Configuration.GetSection(Coordination.EtcdOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Coordination.EtcdOptions>, Coordination.EtcdOptionsValidator>();

        var collector = new CollectorOptions();
        builder.Configuration.GetSection(CollectorOptions.Section).Bind(collector);
        var logConfig = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Grpc", Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}");
        if (!string.IsNullOrWhiteSpace(collector.LogDirectory))
        {
            logConfig.WriteTo.File(Path.Combine(collector.LogDirectory, "kb-collector-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        }

        builder.Services.AddSerilog(logConfig.CreateLogger(), dispose: true);
        builder.Services.AddSystemd();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            var certificate = LoadCertificate(collector);
            Listen(k, collector.ListenUrl, HttpProtocols.Http2, certificate);
            Listen(k, collector.HttpListenUrl, HttpProtocols.Http1AndHttp2, certificate);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 16 * 1024 * 1024;
            o.Interceptors.Add<AuthInterceptor>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        var etcd = new Coordination.EtcdOptions();
        builder.Configuration.GetSection(Coordination.EtcdOptions.Section).Bind(etcd);
        if (etcd.Enabled)
        {
            builder.Services.AddSingleton<Coordination.EtcdLeaderElection>();
            builder.Services.AddSingleton<Coordination.ICoordinatorRole>(sp => sp.GetRequiredService<Coordination.EtcdLeaderElection>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Coordination.EtcdLeaderElection>());
        }
        else
        {
            builder.Services.AddSingleton<Coordination.ICoordinatorRole, Coordination.SingleCollectorRole>();
        }

        builder.Services.AddSingleton<CollectorDatabase>();
        builder.Services.AddSingleton<HistoryStore>();
        builder.Services.AddSingleton<IngestQueue>();
        builder.Services.AddSingleton<ClusterViewStore>();
        builder.Services.AddSingleton<AgentSessions>();
        builder.Services.AddSingleton<HumanBootstraps>();
        builder.Services.AddSingleton<ComponentStore>();
        builder.Services.AddSingleton<MaintenanceStore>();
        builder.Services.AddSingleton<RoundStore>();
        builder.Services.AddSingleton<RoundActions>();
        builder.Services.AddSingleton<EvidenceBuilder>();
        builder.Services.AddSingleton<AdviceService>();
        builder.Services.AddSingleton<RecoveryCoordinator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecoveryCoordinator>());
        builder.Services.AddHostedService<IngestWriter>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddSingleton<MinuteStore>();
        builder.Services.AddSingleton(sp => new Downsampler(sp.GetRequiredService<HistoryStore>(), sp.GetRequiredService<MinuteStore>()));
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SteppedHistory>(sp, (IRawHistory)sp.GetRequiredService<HistoryStore>()));
        builder.Services.AddSingleton<ProxyHistoryStore>();
        builder.Services.AddSingleton<ProxySql.ProxyReadingIngest>();
        builder.Services.AddSingleton<HistoryReader>();
        builder.Services.AddSingleton<EventStore>();
        builder.Services.AddSingleton<AlertBoard>();
        builder.Services.AddHostedService<AlertEvaluator>();
        builder.Services.AddHostedService<AlertmanagerPusher>();
        builder.Services.AddSingleton<CollectorMetrics>();
        builder.Services.AddSingleton<ClusterMetricsExporter>();
        builder.Services.AddSingleton<ProxyMetricsExporter>();
        builder.Services.AddSingleton<CoordinatorMetricsExporter>();
        builder.Services.AddSingleton<ClusterJsonBuilder>();
        builder.Services.AddSingleton<ReadinessProbe>();
        builder.Services.AddSingleton<ApiAuthFilter>();
        builder.Services.AddSingleton<WebConsole.ConsoleSessions>();
        builder.Services.AddSingleton<Commands.PendingCommands>();
        builder.Services.AddSingleton<Commands.DisruptionLeases>();
        builder.Services.AddSingleton<ProxySql.ProxyViewStore>();
        builder.Services.AddSingleton<ProxySql.DesiredProxyConfigStore>();
        builder.Services.AddSingleton<Commands.NodeActions>();
        builder.Services.AddSingleton<Tuning.ClusterHealth>();
        builder.Services.AddSingleton<Tuning.DesiredConfigStore>();
        builder.Services.AddSingleton<Tuning.ConfigPlanner>();
        builder.Services.AddSingleton<Tuning.RolloutRunner>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Api.Json.ApiJsonContext.Default));

        var app = builder.Build();
        app.UseConsoleSecurityHeaders();
        app.UseRouting();
        app.MapGrpcService<AgentGatewayService>();
        app.MapGrpcService<OperationsService>();
        app.MapApi();
        app.MapConsole();
        return app;
    }

    /// <summary>The TLS certificate, or null without TLS or when it cannot be loaded (the options validator then names the problem).</summary>
    private static X509Certificate2? LoadCertificate(CollectorOptions options)
    {
        if (options.TlsCertificateFile.Length == 0 || options.TlsKeyFile.Length == 0)
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Kestrel endpoint for a URL (validated at startup by CollectorOptionsValidator).</summary>
    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols, X509Certificate2? certificate)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return; // the options validator reports it
        }

        Action<ListenOptions> configure = l =>
        {
            l.Protocols = protocols;
            if (certificate is not null && uri.Scheme == "https")
            {
                l.UseHttps(certificate);
            }
        };
        switch (uri.Host)
        {
            case "localhost":
                kestrel.ListenLocalhost(uri.Port, configure);
                break;
            case "0.0.0.0" or "*" or "+":
                kestrel.ListenAnyIP(uri.Port, configure);
                break;
            default:
                kestrel.Listen(IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) ? address : IPAddress.Loopback, uri.Port, configure);
                break;
        }
    }

    public static void ValidateOptions(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CollectorOptions>>().Value;
        _ = services.GetRequiredService<IOptions<RecoveryOptions>>().Value;
        _ = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Coordination.EtcdOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("KeyBuzz.Collector");
        Diagnostics.Log.Starting(logger, options.ListenUrl, options.DataDirectory, options.RetentionHours);
    }
}
