using KeyBuzz.Agent.Core.Evidence;

namespace KeyBuzz.Agent.Io;

/// <summary>The identity of this node's datadir as it is now.</summary>
internal interface IDatadirProbe
{
    /// <summary>The datadir's path.</summary>
    string Root { get; }

    DatadirIdentity Identity();
}
