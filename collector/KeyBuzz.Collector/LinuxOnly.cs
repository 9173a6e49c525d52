// The collector manages mariadbd on Linux nodes (systemd, /proc, Unix file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
