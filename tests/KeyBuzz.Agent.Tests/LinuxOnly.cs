// Tests of the Linux-only agent run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
