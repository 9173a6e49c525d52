// kbctl runs on Linux operator machines; so do its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
