using System.Text;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>xunit + WebApplicationFactory tests for every endpoint, its validation and its status codes.</summary>
static class DotnetTestFiles
{
    public static IReadOnlyList<GeneratedFile> Files(AppSpec spec)
    {
        var dir = AppLayout.TestDirectory(spec);
        var files = new List<GeneratedFile>
        {
            new($"{dir}/{spec.Identifier}.Tests.csproj", $$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <IsPackable>false</IsPackable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
                    <PackageReference Include="xunit" Version="2.9.3" />
                    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                    <PackageReference Include="Microsoft.AspNetCore.Mvc.Testing" Version="10.0.14" />
                    <PackageReference Include="coverlet.collector" Version="6.0.4" />
                  </ItemGroup>
                  <ItemGroup>
                    <ProjectReference Include="../../src/{{spec.Identifier}}/{{spec.Identifier}}.csproj" />
                  </ItemGroup>
                  <ItemGroup>
                    <Using Include="Xunit" />
                  </ItemGroup>
                </Project>

                """),
            new($"{dir}/TestApp.cs", TestApp(spec)),
            new($"{dir}/AppTests.cs", AppTests(spec)),
        };
        if (spec.Entities.Count > 0) files.Add(new($"{dir}/Samples.cs", Samples(spec)));
        if (spec.Features.Auth) files.Add(new($"{dir}/AuthTests.cs", AuthTests(spec)));
        files.AddRange(spec.Entities.Select(e => new GeneratedFile(AppLayout.Tests(spec, e), EntityTests(spec, e))));
        files.AddRange(DotnetArchetypeFiles.Tests(spec));
        return files;
    }

    static string TestApp(AppSpec spec) => $$"""
        using System.Net.Http.Headers;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Mvc.Testing;
        {{(spec.Kind == AppKind.Timer ? "using Microsoft.AspNetCore.TestHost;\nusing Microsoft.Extensions.DependencyInjection;\n" : "")}}
        namespace {{spec.Identifier}}.Tests;

        /// <summary>The real app in memory, with its data in memory too.</summary>
        {{(spec.Kind == AppKind.Timer ? TimerTestApp : PlainTestApp)}}

            public async Task<HttpClient> SignedInClientAsync(string? email = null)
            {
                var client = CreateClient();
                var response = await client.PostAsJsonAsync("/api/auth/register",
                    new { email = email ?? $"user{Guid.NewGuid():N}@example.com", password = "correct horse battery" });
                response.EnsureSuccessStatusCode();
                var token = (string)(await response.ReadJsonAsync())["token"]!;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return client;
            }
        }

        public static class JsonResponses
        {
            public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
                JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

            public static async Task<JsonArray> ReadArrayAsync(this HttpResponseMessage response) =>
                JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        }

        """;

    const string PlainTestApp = """
        public sealed class TestApp : WebApplicationFactory<Program>
        {
            protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("DATA_DIR", ":memory:");
        """;

    /// <summary>The timer's tests move the clock by hand and restart the app on the same data.</summary>
    const string TimerTestApp = """
        public sealed class TestApp(string dataDirectory = ":memory:", ManualClock? clock = null) : WebApplicationFactory<Program>
        {
            public ManualClock Clock { get; } = clock ?? new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                builder.UseSetting("DATA_DIR", dataDirectory);
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
            }
        """;

    static string Samples(AppSpec spec)
    {
        var methods = new StringBuilder();
        foreach (var e in spec.Entities)
        {
            var props = new StringBuilder();
            foreach (var f in e.Fields)
            {
                if (f.Type == FieldType.Reference)
                {
                    var target = spec.Entity(f.References!)!;
                    props.Append($"            [{CSharp.Literal(f.JsonName)}] = await CreateAsync(client, \"/api/{target.Route}\", await {target.Name}Async(client)),\n");
                }
                else props.Append($"            [{CSharp.Literal(f.JsonName)}] = {SampleValues.Valid(f)},\n");
            }
            if (spec.Features.Tags) props.Append("            [\"tags\"] = new JsonArray(\"red\", \"blue\"),\n");
            methods.Append($$"""

                    public static async Task<JsonObject> {{e.Name}}Async(HttpClient client)
                    {
                        await Task.CompletedTask;
                        return new JsonObject
                        {
                {{props}}        };
                    }

                """);
        }
        return $$"""
            using System.Net.Http.Json;
            using System.Text.Json.Nodes;

            namespace {{spec.Identifier}}.Tests;

            /// <summary>Valid payloads for every record type; referenced records are created first.</summary>
            public static class Samples
            {
                public static async Task<string> CreateAsync(HttpClient client, string route, JsonObject payload)
                {
                    var response = await client.PostAsJsonAsync(route, payload);
                    Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
                    return (string)(await response.ReadJsonAsync())["id"]!;
                }
            {{methods}}}

            """;
    }

    static string EntityTests(AppSpec spec, EntitySpec e)
    {
        var route = $"/api/{e.Route}";
        var client = spec.Features.Auth ? "await app.SignedInClientAsync()" : "app.CreateClient()";
        var key = SampleValues.KeyField(e);
        var keyName = CSharp.Literal(key.JsonName);
        var tests = new StringBuilder();

        tests.Append($$"""
                [Fact]
                public async Task Create_read_replace_list_and_delete_round_trip()
                {
                    await using var app = new TestApp();
                    var client = {{client}};
                    var payload = await Samples.{{e.Name}}Async(client);

                    var created = await client.PostAsJsonAsync("{{route}}", payload);
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                    var item = await created.ReadJsonAsync();
                    var id = (string)item["id"]!;
                    Assert.Equal($"{{route}}/{id}", created.Headers.Location?.OriginalString);
                    Assert.Equal(payload[{{keyName}}]!.ToJsonString(), item[{{keyName}}]!.ToJsonString());

                    var read = await client.GetAsync($"{{route}}/{id}");
                    Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                    Assert.Equal(id, (string)(await read.ReadJsonAsync())["id"]!);

                    {{(key.Type == FieldType.Reference ? "// Only links to change here: the replacement keeps them." : $"payload[{keyName}] = {SampleValues.Valid(key, "Changed")};")}}
                    var replaced = await client.PutAsJsonAsync($"{{route}}/{id}", payload);
                    Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
                    Assert.Equal(payload[{{keyName}}]!.ToJsonString(), (await replaced.ReadJsonAsync())[{{keyName}}]!.ToJsonString());

                    var list = await (await client.GetAsync("{{route}}")).ReadArrayAsync();
                    Assert.Contains(list, i => (string)i!["id"]! == id);

                    Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{{route}}/{id}")).StatusCode);
                    Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{{route}}/{id}")).StatusCode);
                }

                [Fact]
                public async Task An_unknown_id_is_404_for_read_replace_and_delete()
                {
                    await using var app = new TestApp();
                    var client = {{client}};
                    var id = Guid.NewGuid();
                    Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{{route}}/{id}")).StatusCode);
                    Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"{{route}}/{id}", await Samples.{{e.Name}}Async(client))).StatusCode);
                    Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{{route}}/{id}")).StatusCode);
                }

            """);

        foreach (var f in e.Fields.Where(f => f.Required))
            tests.Append($$"""

                    [Fact]
                    public async Task A_missing_{{Snake(f)}}_is_refused()
                    {
                        await using var app = new TestApp();
                        var client = {{client}};
                        var payload = await Samples.{{e.Name}}Async(client);
                        payload.Remove({{CSharp.Literal(f.JsonName)}});
                        var response = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                        Assert.NotNull((await response.ReadJsonAsync())["errors"]![{{CSharp.Literal(f.JsonName)}}]);
                    }

                """);

        foreach (var f in e.Fields.Where(f => SampleValues.Invalid(f) is not null))
            tests.Append($$"""

                    [Fact]
                    public async Task An_invalid_{{Snake(f)}}_is_refused()
                    {
                        await using var app = new TestApp();
                        var client = {{client}};
                        var payload = await Samples.{{e.Name}}Async(client);
                        payload[{{CSharp.Literal(f.JsonName)}}] = {{SampleValues.Invalid(f)}};
                        var response = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                        Assert.NotNull((await response.ReadJsonAsync())["errors"]![{{CSharp.Literal(f.JsonName)}}]);
                    }

                """);

        foreach (var r in e.References)
            tests.Append($$"""

                    [Fact]
                    public async Task An_unknown_{{Snake(r)}}_is_refused()
                    {
                        await using var app = new TestApp();
                        var client = {{client}};
                        var payload = await Samples.{{e.Name}}Async(client);
                        payload[{{CSharp.Literal(r.JsonName)}}] = Guid.NewGuid().ToString();
                        var response = await client.PostAsJsonAsync("{{route}}", payload);
                        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                        Assert.NotNull((await response.ReadJsonAsync())["errors"]![{{CSharp.Literal(r.JsonName)}}]);
                    }

                """);

        tests.Append(DotnetFieldTests.For(e, client));

        var text = e.Fields.FirstOrDefault(f => f.Type is FieldType.String or FieldType.Text);
        if (spec.Features.Search && text is not null)
            tests.Append(TwoRecordQuery(e, client, "Search_finds_records_by_their_text", text, "\"Alpha one\"", "\"Beta two\"", "?q=ALPHA"));
        if (spec.Features.Tags)
            tests.Append(TwoRecordQuery(e, client, "Records_can_be_filtered_by_tag", null, "new JsonArray(\"red\")", "new JsonArray(\"blue\")", "?tag=red"));
        var filter = e.Fields.FirstOrDefault(f => f.Filterable && f.Type == FieldType.String);
        if (filter is not null)
            tests.Append(TwoRecordQuery(e, client, $"Records_can_be_filtered_by_{Snake(filter)}", filter, "\"Alpha\"", "\"Beta\"", $"?{filter.JsonName}=alpha"));

        foreach (var total in spec.Features.Aggregates.Where(a => a.Entity == e.Name).Take(1))
        {
            var sum = e.Fields.First(f => f.Name == total.SumField);
            var by = e.Fields.First(f => f.Name == total.GroupBy);
            tests.Append($$"""

                    [Fact]
                    public async Task Totals_sum_{{Snake(sum)}}_per_{{Snake(by)}}()
                    {
                        await using var app = new TestApp();
                        var client = {{client}};
                        foreach (var (group, amount) in new[] { ("Food", 10), ("Food", 5), ("Rent", 2) })
                        {
                            var payload = await Samples.{{e.Name}}Async(client);
                            payload[{{CSharp.Literal(by.JsonName)}}] = group;
                            payload[{{CSharp.Literal(sum.JsonName)}}] = amount;
                            await Samples.CreateAsync(client, "{{route}}", payload);
                        }
                        var totals = await (await client.GetAsync("{{route}}/totals")).ReadArrayAsync();
                        Assert.Equal(2, totals.Count);
                        Assert.Equal(("Food", 15m, 2), ((string)totals[0]!["key"]!, totals[0]!["total"]!.GetValue<decimal>(), totals[0]!["count"]!.GetValue<int>()));
                        Assert.Equal(("Rent", 2m, 1), ((string)totals[1]!["key"]!, totals[1]!["total"]!.GetValue<decimal>(), totals[1]!["count"]!.GetValue<int>()));
                    }

                """);
        }

        if (spec.Features.Auth)
            tests.Append($$"""

                    [Fact]
                    public async Task Requests_without_a_token_are_refused()
                    {
                        await using var app = new TestApp();
                        var anonymous = app.CreateClient();
                        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("{{route}}")).StatusCode);
                        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("{{route}}", new JsonObject())).StatusCode);
                    }

                    [Fact]
                    public async Task Users_only_see_their_own_records()
                    {
                        await using var app = new TestApp();
                        var alice = await app.SignedInClientAsync();
                        var bob = await app.SignedInClientAsync();
                        var id = await Samples.CreateAsync(alice, "{{route}}", await Samples.{{e.Name}}Async(alice));

                        Assert.Empty(await (await bob.GetAsync("{{route}}")).ReadArrayAsync());
                        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"{{route}}/{id}")).StatusCode);
                        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"{{route}}/{id}")).StatusCode);
                        Assert.Single(await (await alice.GetAsync("{{route}}")).ReadArrayAsync());
                    }

                """);

        return $$"""
            using System.Net;
            using System.Net.Http.Json;
            using System.Text.Json.Nodes;

            namespace {{spec.Identifier}}.Tests;

            public sealed class {{e.Name}}ApiTests
            {
            {{tests}}}

            """;
    }

    static string TwoRecordQuery(EntitySpec e, string client, string name, FieldSpec? field, string first, string second, string query)
    {
        var property = CSharp.Literal(field?.JsonName ?? "tags");
        return $$"""

                [Fact]
                public async Task {{name}}()
                {
                    await using var app = new TestApp();
                    var client = {{client}};
                    var match = await Samples.{{e.Name}}Async(client);
                    match[{{property}}] = {{first}};
                    var other = await Samples.{{e.Name}}Async(client);
                    other[{{property}}] = {{second}};
                    var matchId = await Samples.CreateAsync(client, "/api/{{e.Route}}", match);
                    await Samples.CreateAsync(client, "/api/{{e.Route}}", other);

                    var found = await (await client.GetAsync("/api/{{e.Route}}{{query}}")).ReadArrayAsync();
                    Assert.Equal(matchId, (string)Assert.Single(found)!["id"]!);
                }

            """;
    }

    static string AuthTests(AppSpec spec) => $$"""
        using System.Net;
        using System.Net.Http.Json;
        using {{spec.Identifier}}.Auth;

        namespace {{spec.Identifier}}.Tests;

        public sealed class AuthTests
        {
            const string Password = "correct horse battery";

            [Fact]
            public async Task Registering_returns_a_token_that_identifies_the_user()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var registered = await client.PostAsJsonAsync("/api/auth/register", new { email = "Ada@Example.com", password = Password });
                Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
                var body = await registered.ReadJsonAsync();
                Assert.Equal("ada@example.com", (string)body["email"]!);

                client.DefaultRequestHeaders.Authorization = new("Bearer", (string)body["token"]!);
                var me = await client.GetAsync("/api/auth/me");
                Assert.Equal(HttpStatusCode.OK, me.StatusCode);
                Assert.Equal("ada@example.com", (string)(await me.ReadJsonAsync())["email"]!);
            }

            [Fact]
            public async Task Logging_in_needs_the_right_password()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                await client.PostAsJsonAsync("/api/auth/register", new { email = "grace@example.com", password = Password });

                var ok = await client.PostAsJsonAsync("/api/auth/login", new { email = "grace@example.com", password = Password });
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
                Assert.False(string.IsNullOrEmpty((string?)(await ok.ReadJsonAsync())["token"]));
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email = "grace@example.com", password = "wrong password" })).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = Password })).StatusCode);
            }

            [Theory]
            [InlineData("not-an-email", "correct horse battery", "email")]
            [InlineData("short@example.com", "short", "password")]
            public async Task Bad_registrations_are_refused(string email, string password, string field)
            {
                await using var app = new TestApp();
                var response = await app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password });
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
            }

            [Fact]
            public async Task An_email_can_register_only_once()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                await client.PostAsJsonAsync("/api/auth/register", new { email = "lin@example.com", password = Password });
                Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/auth/register", new { email = "LIN@example.com", password = Password })).StatusCode);
            }

            [Fact]
            public void Passwords_are_stored_as_salted_hashes()
            {
                var first = PasswordHasher.Hash(Password);
                var second = PasswordHasher.Hash(Password);
                Assert.DoesNotContain(Password, first);
                Assert.NotEqual(first, second);
                Assert.True(PasswordHasher.Verify(Password, first));
                Assert.False(PasswordHasher.Verify("wrong password", first));
            }
        }

        """;

    static string AppTests(AppSpec spec)
    {
        var archetype = spec.Kind switch
        {
            AppKind.HelloWorld => """

                    [Fact]
                    public async Task Hello_greets_by_name_or_the_world()
                    {
                        await using var app = new TestApp();
                        var client = app.CreateClient();
                        Assert.Equal("Hello, Ada!", (string)(await (await client.GetAsync("/api/hello?name=Ada")).ReadJsonAsync())["message"]!);
                        Assert.Equal("Hello, World!", (string)(await (await client.GetAsync("/api/hello")).ReadJsonAsync())["message"]!);
                        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/hello?name={new string('a', 101)}")).StatusCode);
                    }
                """,
            AppKind.Counter => """

                    [Fact]
                    public async Task The_counter_counts_up_down_and_resets()
                    {
                        await using var app = new TestApp();
                        var client = app.CreateClient();
                        await client.PostAsync("/api/counter/reset", null);
                        await client.PostAsync("/api/counter/increment", null);
                        await client.PostAsync("/api/counter/increment", null);
                        var down = await (await client.PostAsync("/api/counter/decrement", null)).ReadJsonAsync();
                        Assert.Equal(1, (int)down["value"]!);
                        Assert.Equal(0, (int)(await (await client.PostAsync("/api/counter/reset", null)).ReadJsonAsync())["value"]!);
                    }
                """,
            AppKind.Calculator => """

                    [Theory]
                    [InlineData("add", 6, 3, 9)]
                    [InlineData("subtract", 6, 3, 3)]
                    [InlineData("multiply", 6, 3, 18)]
                    [InlineData("divide", 6, 3, 2)]
                    public async Task The_calculator_calculates(string op, double a, double b, double expected)
                    {
                        await using var app = new TestApp();
                        var response = await app.CreateClient().PostAsJsonAsync("/api/calculate", new { a, b, op });
                        Assert.Equal(expected, (double)(await response.ReadJsonAsync())["result"]!);
                    }

                    [Fact]
                    public async Task Division_by_zero_and_unknown_operations_are_refused()
                    {
                        await using var app = new TestApp();
                        var client = app.CreateClient();
                        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/calculate", new { a = 1, b = 0, op = "divide" })).StatusCode);
                        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/calculate", new { a = 1, b = 2, op = "power" })).StatusCode);
                    }
                """,
            AppKind.UrlShortener => """

                    [Fact]
                    public async Task A_short_link_redirects_to_its_url()
                    {
                        await using var app = new TestApp();
                        var client = app.CreateClient(new() { AllowAutoRedirect = false });
                        var created = await client.PostAsJsonAsync("/api/links", new { url = "https://example.com/a/long/path" });
                        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                        var code = (string)(await created.ReadJsonAsync())["code"]!;
                        var followed = await client.GetAsync($"/r/{code}");
                        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
                        Assert.Equal("https://example.com/a/long/path", followed.Headers.Location?.ToString());
                        Assert.Single(await (await client.GetAsync("/api/links")).ReadArrayAsync());
                        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/r/nothing")).StatusCode);
                        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/links", new { url = "javascript:alert(1)" })).StatusCode);
                    }
                """,
            _ => "",
        };
        return $$"""
            using System.Net;
            using System.Net.Http.Json;

            namespace {{spec.Identifier}}.Tests;

            public sealed class AppTests
            {
                [Fact]
                public async Task Health_answers()
                {
                    await using var app = new TestApp();
                    var response = await app.CreateClient().GetAsync("/health");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal("healthy", (string)(await response.ReadJsonAsync())["status"]!);
                }

                [Fact]
                public async Task The_page_and_its_schema_are_served()
                {
                    await using var app = new TestApp();
                    var client = app.CreateClient();
                    Assert.Contains({{CSharp.Literal(System.Net.WebUtility.HtmlEncode(Frontend.FrontendAssets.Title(spec)))}}, await client.GetStringAsync("/"));
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/schema.json")).StatusCode);
                }
            {{archetype}}
            }

            """;
    }

    static string Snake(FieldSpec f) => string.Concat(f.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
