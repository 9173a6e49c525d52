namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>A setting whose live value differs from the desired one; Effective is null when the node does not report it.</summary>
public sealed record SettingChange(string Setting, string? Effective, string Desired);
