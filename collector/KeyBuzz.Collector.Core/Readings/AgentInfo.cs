namespace KeyBuzz.Collector.Core.Readings;

/// <summary>What an agent said about itself when its stream opened.</summary>
public sealed record AgentInfo(string Role, string Version, string InstanceId, string HostName, TimeSpan Interval);
