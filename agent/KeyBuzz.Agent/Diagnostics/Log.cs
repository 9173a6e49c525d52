using Microsoft.Extensions.Logging;

namespace KeyBuzz.Agent.Diagnostics;

/// <summary>Every log event of the agent, with its event id (1xxx sampling, 2xxx shipping, 9xxx host).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Sampler {Sampler} failed: {Reason}")]
    public static partial void SamplerFailed(ILogger logger, string sampler, string reason);

    [LoggerMessage(1002, LogLevel.Information, "Sampler {Sampler} recovered")]
    public static partial void SamplerRecovered(ILogger logger, string sampler);

    [LoggerMessage(1003, LogLevel.Warning, "mariadbd is {State} on this node")]
    public static partial void MariadbStateChanged(ILogger logger, string state);

    [LoggerMessage(2001, LogLevel.Information, "Connected to collector {Url}; it had stored up to seq {Seq}; {Pending} readings to send")]
    public static partial void Connected(ILogger logger, string url, ulong seq, int pending);

    [LoggerMessage(2002, LogLevel.Warning, "Collector {Url} unreachable or stream broken ({Reason}); retrying in {DelayMs} ms, {Buffered} readings buffered")]
    public static partial void Disconnected(ILogger logger, string url, string reason, long delayMs, int buffered);

    [LoggerMessage(2003, LogLevel.Warning, "Reading buffer full: {Dropped} oldest readings dropped so far")]
    public static partial void ReadingsDropped(ILogger logger, ulong dropped);

    [LoggerMessage(9001, LogLevel.Information, "kb-agent {Version} starting: node {Node}, cluster {Cluster}, role {Role}, collector {Url}, interval {IntervalMs} ms, buffer {Buffer} readings, MariaDB {Endpoint} as {User} (password {PasswordState}), datadir {DataDir}")]
    public static partial void Starting(ILogger logger, string version, string node, string cluster, string role, string url, int intervalMs, int buffer, string endpoint, string user, string passwordState, string dataDir);

    [LoggerMessage(3001, LogLevel.Information, "Repair: {State}: {Reason}")]
    public static partial void RepairState(ILogger logger, string state, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "Repair: restarting mariadbd: {Reason}")]
    public static partial void Restarting(ILogger logger, string reason);

    [LoggerMessage(3003, LogLevel.Error, "Repair: holding this node: {Reason}")]
    public static partial void Held(ILogger logger, string reason);

    [LoggerMessage(3004, LogLevel.Information, "Evidence: --wsrep-recover on the datadir as it is now: {Position}")]
    public static partial void PositionRecovered(ILogger logger, string position);

    [LoggerMessage(3005, LogLevel.Warning, "Repair: step failed: {Reason}")]
    public static partial void RepairFailed(ILogger logger, string reason);

    [LoggerMessage(3006, LogLevel.Information, "Repair: released by the maintenance on/off cycle; restart budget reset")]
    public static partial void Released(ILogger logger);

    [LoggerMessage(3020, LogLevel.Information, "Repair: the recovery round that fenced this node is over; self-repair takes over again")]
    public static partial void RoundHoldReleased(ILogger logger);

    [LoggerMessage(3007, LogLevel.Warning, "Evidence: the datadir changed ({Change}): its recovered position is no longer evidence")]
    public static partial void DatadirChanged(ILogger logger, string change);

    [LoggerMessage(3101, LogLevel.Warning, "Command {Kind} {Id} (round {Round}) refused: {Reason}")]
    public static partial void CommandRefused(ILogger logger, string kind, string id, ulong round, string reason);

    [LoggerMessage(3102, LogLevel.Warning, "Command {Kind} {Id} (round {Round}) executing: {Detail}")]
    public static partial void CommandExecuting(ILogger logger, string kind, string id, ulong round, string detail);
}
