using KeyBuzz.Agent.Core.Repair;

namespace KeyBuzz.Agent.Repair;

/// <summary>How this node's mariadbd is started: systemd in production, a direct process in the lab.</summary>
internal interface IServiceControl
{
    /// <summary>Start normally so the node joins (or waits for) a Primary Component. Never bootstraps.</summary>
    Task StartAsync(LocalPosition? position, CancellationToken cancellationToken);

    /// <summary>Start as a new Primary Component (--wsrep-new-cluster).</summary>
    Task BootstrapAsync(LocalPosition position, CancellationToken cancellationToken);

    /// <summary>Stop mariadbd (SIGTERM: clean InnoDB shutdown; kill: SIGKILL, a crash) and wait until it is gone.</summary>
    Task StopAsync(bool kill, CancellationToken cancellationToken);

    /// <summary>Clean stop then a normal start (never a bootstrap).</summary>
    Task RestartAsync(CancellationToken cancellationToken);
}
