using KeyBuzz.Agent.Core.Repair;

namespace KeyBuzz.Agent.Repair;

/// <summary>How this node's mariadbd is started: systemd in production, a direct process in the lab.</summary>
internal interface IServiceControl
{
    /// <summary>Start normally so the node joins (or waits for) a Primary Component. Never bootstraps.</summary>
    Task StartAsync(LocalPosition? position, CancellationToken cancellationToken);

    /// <summary>Start as a new Primary Component (--wsrep-new-cluster).</summary>
    Task BootstrapAsync(LocalPosition position, CancellationToken cancellationToken);
}
