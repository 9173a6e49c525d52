using KeyBuzz.Agent.Core.Evidence;

namespace KeyBuzz.Agent.Io;

/// <summary>The identity of this node's datadir as it is now.</summary>
internal interface IDatadirProbe
{
    DatadirIdentity Identity();
}
