// The benchmark starts servers from Linux packages.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
