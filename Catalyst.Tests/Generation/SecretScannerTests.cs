using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Generation;

public sealed class SecretScannerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task WriteAsync(string root, string path, string content) => GeneratedFile.WriteAllAsync(root, [new(path, content)], Ct);

    [Theory]
    [InlineData("a todo app with user registration and login")]
    [InlineData("a bookmarks API in Node with tags and search")]
    public async Task Generated_apps_contain_no_secrets(string prompt)
    {
        using var dir = new TestDirectory("scan");
        var spec = new RequestParser().Parse(prompt);
        IAppGenerator generator = spec.Stack == AppStack.Node ? new NodeAppGenerator() : new DotnetAppGenerator();
        await GeneratedFile.WriteAllAsync(dir.Path, generator.Generate(spec).SelectMany(c => c.Files), Ct);

        Assert.Empty(SecretScanner.Scan(dir.Path));
    }

    [Fact]
    public async Task Planted_secrets_are_found_with_file_line_and_severity_but_never_echoed()
    {
        using var dir = new TestDirectory("scan");
        await WriteAsync(dir.Path, "src/keys/id_rsa", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----\n");
        await WriteAsync(dir.Path, "appsettings.json", "{\n  \"Smtp\": {\n    \"Password\": \"hunter2hunter2\"\n  }\n}\n");
        await WriteAsync(dir.Path, "deploy.sh", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n");
        await WriteAsync(dir.Path, ".env.example", "PASSWORD=\"changeme\"\nDB=Host=db;Password=${DB_PASSWORD}\n");
        await WriteAsync(dir.Path, "node_modules/pkg/key.pem", "-----BEGIN PRIVATE KEY-----\n");

        var findings = SecretScanner.Scan(dir.Path);

        Assert.Equal(
            [("appsettings.json", 3, "password-in-config", "high"), ("deploy.sh", 1, "aws-access-key", "critical"), ("src/keys/id_rsa", 1, "private-key", "critical")],
            findings.Select(f => (f.File, f.Line, f.Rule, f.Severity)).Order());
        Assert.DoesNotContain(findings, f => f.Message.Contains("hunter2") || f.Message.Contains("AKIA"));
    }
}
