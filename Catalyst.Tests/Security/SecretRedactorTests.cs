using System.Text.Json.Nodes;
using Catalyst.Core.Security;

namespace Catalyst.Tests.Security;

public sealed class SecretRedactorTests
{
    const string GitHubToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    [Theory]
    [InlineData("Failed to connect: Host=db;Port=5432;Username=catalyst;Password=hunter2-x;Database=c", "hunter2-x", "Password=***")]
    [InlineData("amqp://guest:s3cr3t-pw@127.0.0.1:5672/", "s3cr3t-pw", "guest:***@")]
    [InlineData("Endpoint=https://models.example;Key=abc123def456;Model=m;Provider=openai", "abc123def456", "Key=***")]
    [InlineData("curl -H 'Authorization: Bearer tok_live_0123456789'", "tok_live_0123456789", "Bearer ***")]
    [InlineData("remote: " + GitHubToken + " rejected", GitHubToken, "remote: *** rejected")]
    [InlineData("config: {\"api_key\": \"zz-secret-value\"}", "zz-secret-value", "\"api_key\": \"***\"")]
    [InlineData("GET /x?api_key=k-0123456789&page=2", "k-0123456789", "api_key=***&page=2")]
    public void Credentials_in_text_are_masked(string text, string secret, string expected)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted);
        Assert.Contains(expected, redacted);
    }

    [Fact]
    public void A_private_key_block_is_masked_whole()
    {
        var text = "found:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----\ndone";

        var redacted = SecretRedactor.Redact(text);

        Assert.DoesNotContain("MIIEow", redacted);
        Assert.StartsWith("found:\n-----BEGIN PRIVATE KEY-----***", redacted);
        Assert.EndsWith("\ndone", redacted);
    }

    [Theory]
    [InlineData("a todo app with login where users have an email and a password")]
    [InlineData("📊 Data model: User (email, password: string, role)")]
    [InlineData("✅ Code generation complete: 21 files created (1,204 lines)")]
    [InlineData("The preview runs at http://todo-app-1a2b3c4d.localhost:8080/")]
    public void Ordinary_progress_and_requests_are_left_as_they_are(string text) =>
        Assert.Equal(text, SecretRedactor.Redact(text));

    [Fact]
    public void Json_payloads_are_masked_by_value_and_by_property_name_and_keep_their_shape()
    {
        var payload = new JsonObject
        {
            ["reason"] = "psql: Password=pw-123456 rejected",
            ["token"] = "plain-looking-value",
            ["files_created"] = 21,
            ["steps"] = new JsonArray("ok", "url amqp://u:pw-987654@h/"),
        };

        var redacted = SecretRedactor.Redact(payload);

        Assert.Equal("psql: Password=*** rejected", (string?)redacted["reason"]);
        Assert.Equal("***", (string?)redacted["token"]);
        Assert.Equal(21, (int?)redacted["files_created"]);
        Assert.Equal("url amqp://u:***@h/", (string?)redacted["steps"]![1]);
        Assert.Equal("psql: Password=pw-123456 rejected", (string?)payload["reason"]); // the caller's object is untouched
    }
}
