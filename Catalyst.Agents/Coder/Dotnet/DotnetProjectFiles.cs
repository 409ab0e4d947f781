using System.Text;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>The app's skeleton: solution, project, host, storage, container and documentation files.</summary>
static class DotnetProjectFiles
{
    public static IReadOnlyList<GeneratedFile> Structure(AppSpec spec)
    {
        var id = spec.Identifier;
        return
        [
            // Stop MSBuild from picking up settings of whatever folder the repository sits in.
            new("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n"),
            new("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n"),
            new($"{id}.slnx", $"<Solution>\n  <Project Path=\"src/{id}/{id}.csproj\" />\n  <Project Path=\"tests/{id}.Tests/{id}.Tests.csproj\" />\n</Solution>\n"),
            new($"src/{id}/{id}.csproj", """
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <InvariantGlobalization>true</InvariantGlobalization>
                  </PropertyGroup>
                </Project>

                """),
            new(".gitignore", "bin/\nobj/\ndata/\nTestResults/\n*.user\n.vs/\n"),
            new(".env.example", "# Copy to .env to override. There are no secrets to set.\nPORT=8080\nDATA_DIR=./data\n"),
            .. (UsesStore(spec) ? new GeneratedFile[] { new($"src/{id}/Data/JsonStore.cs", Store(id)) } : []),
            new($"src/{id}/Program.cs", Program(spec)),
        ];
    }

    /// <summary>Apps that keep nothing (hello world, a calculator) get no store to carry untested.</summary>
    public static bool UsesStore(AppSpec spec) => spec.Features.Auth || spec.Entities.Count > 0 || spec.Kind == AppKind.UrlShortener || ArchetypeCatalog.Contains(spec.Kind);

    static string Program(AppSpec spec)
    {
        var id = spec.Identifier;
        var maps = new StringBuilder();
        if (spec.Features.Auth) maps.Append("app.MapAuthEndpoints();\n");
        foreach (var e in spec.Entities) maps.Append($"app.Map{e.Name}Endpoints();\n");
        if (spec.Kind != AppKind.Crud) maps.Append($"app.Map{DotnetArchetypeFiles.Name(spec.Kind)}Endpoints();\n");
        return $$"""
            {{(spec.Features.Auth ? $"using {id}.Auth;\n" : "")}}{{(UsesStore(spec) ? $"using {id}.Data;\n" : "")}}using {{id}}.Endpoints;

            var builder = WebApplication.CreateBuilder(args);
            // PORT is honoured unless ASPNETCORE_URLS says otherwise; 8080 by default.
            if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
                builder.WebHost.UseUrls($"http://0.0.0.0:{builder.Configuration["PORT"] ?? "8080"}");

            builder.Services.AddProblemDetails();
            {{(UsesStore(spec) ? "builder.Services.AddSingleton(new DataDirectory(builder.Configuration[\"DATA_DIR\"] ?? \"data\"));\nbuilder.Services.AddSingleton(typeof(JsonStore<>));\n" : "")}}{{(spec.Features.Auth ? "builder.Services.AddTokenAuthentication();\n" : "")}}{{(spec.Kind == AppKind.Timer ? "builder.Services.AddSingleton(TimeProvider.System);\n" : "")}}
            var app = builder.Build();
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseDefaultFiles();
            app.UseStaticFiles();
            {{(spec.Features.Auth ? "app.UseAuthentication();\napp.UseAuthorization();\n" : "")}}
            app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
            {{maps}}
            app.Run();

            /// <summary>Visible to the tests' WebApplicationFactory.</summary>
            public partial class Program;

            """;
    }

    static string Store(string id) => $$"""
        using System.Text.Json;

        namespace {{id}}.Data;

        public interface IRecord
        {
            Guid Id { get; }
        }

        /// <summary>Where records are saved; ":memory:" keeps them in memory only.</summary>
        public sealed record DataDirectory(string Path)
        {
            public bool InMemory => Path == ":memory:";
        }

        /// <summary>
        /// All records of one type, in memory, saved to {DATA_DIR}/{type}.json after every change (written to a
        /// temporary file first, so a crash never leaves half a file).
        /// </summary>
        public sealed class JsonStore<T> where T : class, IRecord
        {
            static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
            readonly Lock gate = new();
            readonly List<T> items;
            readonly string? file;

            public JsonStore(DataDirectory directory)
            {
                if (!directory.InMemory)
                {
                    Directory.CreateDirectory(directory.Path);
                    file = System.IO.Path.Combine(directory.Path, typeof(T).Name.ToLowerInvariant() + ".json");
                }
                items = file is not null && File.Exists(file)
                    ? JsonSerializer.Deserialize<List<T>>(File.ReadAllText(file), Options) ?? []
                    : [];
            }

            public IReadOnlyList<T> All()
            {
                lock (gate) return [.. items];
            }

            public T? Find(Guid id)
            {
                lock (gate) return items.FirstOrDefault(i => i.Id == id);
            }

            public void Add(T item)
            {
                lock (gate) { items.Add(item); Save(); }
            }

            public void Replace(T item)
            {
                lock (gate)
                {
                    var index = items.FindIndex(i => i.Id == item.Id);
                    if (index >= 0) items[index] = item;
                    Save();
                }
            }

            public bool Remove(Guid id)
            {
                lock (gate)
                {
                    var removed = items.RemoveAll(i => i.Id == id) > 0;
                    if (removed) Save();
                    return removed;
                }
            }

            void Save()
            {
                if (file is null) return;
                var temporary = file + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(items, Options));
                File.Move(temporary, file, overwrite: true);
            }
        }

        """;

    public static IReadOnlyList<GeneratedFile> Deployment(AppSpec spec)
    {
        var id = spec.Identifier;
        return
        [
            new("Dockerfile", $$"""
                # The .NET images are not named here; pass them, e.g.
                #   docker build --build-arg SDK_IMAGE=<registry>/dotnet/sdk:10.0 --build-arg RUNTIME_IMAGE=<registry>/dotnet/aspnet:10.0 .
                ARG SDK_IMAGE=dotnet-sdk:10.0
                ARG RUNTIME_IMAGE=dotnet-aspnet:10.0

                FROM ${SDK_IMAGE} AS build
                WORKDIR /src
                COPY . .
                RUN dotnet publish src/{{id}}/{{id}}.csproj -c Release -o /app

                FROM ${RUNTIME_IMAGE}
                WORKDIR /app
                COPY --from=build /app .
                ENV PORT=8080 DATA_DIR=/data
                RUN mkdir -p /data && chown 1654:1654 /data
                # Never run as root: 1654 is the unprivileged "app" user of the .NET runtime images.
                USER 1654
                EXPOSE 8080
                ENTRYPOINT ["dotnet", "{{id}}.dll"]

                """),
            new(".dockerignore", "**/bin/\n**/obj/\ndata/\n.git/\n"),
            new("docker-compose.yml", $$"""
                services:
                  {{spec.Name}}:
                    build: .
                    ports:
                      - "8080:8080"
                    environment:
                      PORT: "8080"
                      DATA_DIR: /data
                    volumes:
                      - app-data:/data
                volumes:
                  app-data:

                """),
        ];
    }

    public static GeneratedFile Readme(AppSpec spec)
    {
        var text = new StringBuilder($"# {spec.Title}\n\n{spec.Description}\n\nGenerated by Catalyst from the request: \"{spec.Prompt}\".\n\n");
        text.Append($"## Run\n\n```bash\ndotnet run --project src/{spec.Identifier}\n```\n\nThen open http://localhost:8080. `PORT` and `DATA_DIR` (default `./data`) are read from the environment; see `.env.example`.\n\n");
        text.Append($"## Test\n\n```bash\ndotnet test {spec.Identifier}.slnx\n```\n\n## Container\n\n```bash\ndocker compose up --build\n```\n\n(pass the .NET image names as build arguments, see the Dockerfile.)\n\n## API\n\n| method | path | purpose |\n|---|---|---|\n");
        foreach (var endpoint in ApiSurface.Endpoints(spec)) text.Append($"| {endpoint.Method} | `{endpoint.Path}` | {endpoint.Summary}{(endpoint.NeedsAuth ? " (needs a token)" : "")} |\n");
        if (spec.Features.Auth) text.Append("\nRegister or log in to get a token, then send it as `Authorization: Bearer <token>`.\n");
        if (spec.Notes.Count > 0)
        {
            text.Append("\n## Assumptions\n\n");
            foreach (var note in spec.Notes) text.Append($"- {note}\n");
        }
        return new("README.md", text.ToString());
    }
}
