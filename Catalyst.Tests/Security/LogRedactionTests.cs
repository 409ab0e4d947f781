using System.Collections.Concurrent;
using Catalyst.Core.Security.Logging;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Tests.Security;

/// <summary>What the hosts log, as every provider receives it: rendered message and structured arguments.</summary>
public sealed class LogRedactionTests(PostgresServerFixture postgres)
{
    const string Password = "hunter2-0123";
    const string GitHubToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    [Fact]
    public void Every_provider_gets_the_message_and_the_arguments_masked_and_the_template_intact()
    {
        var captured = new CapturingLoggerProvider();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(captured).SetMinimumLevel(LogLevel.Debug).AddSecretRedaction())
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILogger<LogRedactionTests>>();

        logger.LogWarning("Connecting with {ConnectionString} as {User} ({Attempt})", $"Host=db;Username=catalyst;Password={Password}", "catalyst", 3);
        logger.LogInformation("Pushing with token " + GitHubToken);
        logger.LogTrace("Below the level: Password={Secret}", Password);

        Assert.Equal(2, captured.Entries.Count);
        var (message, arguments) = captured.Entries.First();
        Assert.Equal("Connecting with Host=db;Username=catalyst;Password=*** as catalyst (3)", message);
        Assert.Equal("Host=db;Username=catalyst;Password=***", arguments["ConnectionString"]);
        Assert.Equal(3, arguments["Attempt"]);
        Assert.Equal("Connecting with {ConnectionString} as {User} ({Attempt})", arguments["{OriginalFormat}"]);
        Assert.Equal("Pushing with token ***", captured.Entries.Last().Message);
        Assert.DoesNotContain(captured.Entries, e => e.Message.Contains(Password) || e.Message.Contains(GitHubToken));
    }

    [Fact]
    public async Task The_Api_never_logs_the_api_key_a_browser_sends_in_the_query_string()
    {
        const string key = "k-live-0123456789abcdef";
        var captured = new CapturingLoggerProvider();
        await using var factory = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync(), apiKey: key, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting"] = "Information",
        });
        await using var api = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(captured)));
        using var http = api.CreateClient();

        using var response = await http.GetAsync($"/api/tasks?api_key={key}", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        var requestLines = captured.Entries.Where(e => e.Message.Contains("/api/tasks")).ToList();
        Assert.NotEmpty(requestLines);
        Assert.Contains(requestLines, e => e.Message.Contains("api_key=***"));
        Assert.DoesNotContain(captured.Entries, e => e.Message.Contains(key) || e.Arguments.Values.Any(v => $"{v}".Contains(key)));
    }

    sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Message, Dictionary<string, object?> Arguments)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Entries);

        public void Dispose() { }

        sealed class CapturingLogger(ConcurrentQueue<(string, Dictionary<string, object?>)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((formatter(state, exception),
                    (state as IEnumerable<KeyValuePair<string, object?>> ?? []).ToDictionary(p => p.Key, p => p.Value)));
        }
    }
}
