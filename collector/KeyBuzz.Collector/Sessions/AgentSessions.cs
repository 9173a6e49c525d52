using System.Collections.Concurrent;
using KeyBuzz.Collector.History;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Sessions;

/// <summary>The agents connected now, by cluster and node; the newest stream of a node wins.</summary>
internal sealed class AgentSessions
{
    private readonly ConcurrentDictionary<string, AgentSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public void Register(AgentSession session) => _sessions[HistoryKeys.Node(session.Cluster, session.Node)] = session;

    public void Unregister(AgentSession session)
    {
        _sessions.TryRemove(new KeyValuePair<string, AgentSession>(HistoryKeys.Node(session.Cluster, session.Node), session));
        session.Close();
    }

    /// <summary>False when the node's agent is not connected.</summary>
    public bool Send(string cluster, string node, CollectorMessage message) =>
        _sessions.TryGetValue(HistoryKeys.Node(cluster, node), out var session) && session.Send(message);
}
