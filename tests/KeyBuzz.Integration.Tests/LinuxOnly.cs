// The lab and the system under test are Linux-only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
