using System.Runtime.Versioning;
using Catalyst.Tests.Infrastructure;

// The suite starts real servers from Debian packages; it runs on Linux only.
[assembly: SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
[assembly: AssemblyFixture(typeof(RabbitMqServerFixture))]
[assembly: AssemblyFixture(typeof(DockerServerFixture))]
[assembly: AssemblyFixture(typeof(CaddyServerFixture))]
[assembly: AssemblyFixture(typeof(RedisServerFixture))]
