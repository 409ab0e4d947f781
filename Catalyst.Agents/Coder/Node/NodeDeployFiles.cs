using System.Text;
using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>Container files and the README.</summary>
static class NodeDeployFiles
{
    public static GeneratedFile Dockerfile() => new("Dockerfile", """
        FROM node:20-alpine
        WORKDIR /app
        ENV NODE_ENV=production PORT=8080 DATA_DIR=/app/data

        COPY package*.json ./
        RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
        COPY src ./src
        COPY public ./public
        RUN mkdir -p /app/data && chown -R node:node /app/data

        USER node
        EXPOSE 8080
        HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
          CMD wget -qO- "http://127.0.0.1:${PORT:-8080}/health" > /dev/null || exit 1
        CMD ["node", "src/server.js"]

        """);

    public static GeneratedFile Compose() => new("docker-compose.yml", """
        services:
          app:
            build: .
            ports:
              - "8080:8080"
            environment:
              PORT: "8080"
              DATA_DIR: /app/data
            volumes:
              - app-data:/app/data
            restart: unless-stopped

        volumes:
          app-data:

        """);

    public static GeneratedFile DockerIgnore() => new(".dockerignore", """
        node_modules
        data
        test
        .git
        .env
        npm-debug.log*

        """);

    public static GeneratedFile Readme(AppSpec spec)
    {
        var api = new List<(string Route, string Does)> { ("GET /health", "`{\"status\": \"healthy\"}`") };
        if (spec.Features.Auth)
            api.AddRange([
                ("POST /api/auth/register", "`{email, password}` → 201 `{id, email, token}`; 400 invalid email or password under 8 characters; 409 email taken"),
                ("POST /api/auth/login", "`{email, password}` → `{token}`; 401 on a wrong email or password"),
                ("GET /api/auth/me", "`{id, email}` of the signed-in user"),
            ]);
        if (spec.Kind != AppKind.Crud) api.AddRange(NodeArchetypeFiles.Endpoints(spec.Kind));
        else
            foreach (var e in spec.Entities)
            {
                var query = new List<string>();
                if (spec.Features.Search && (e.Fields.Any(f => Js.IsSearchable(f.Type)) || Js.HasTags(spec, e))) query.Add("`q` (search)");
                if (spec.Features.Tags) query.Add("`tag`");
                query.AddRange(e.Fields.Where(f => f.Filterable).Select(f => $"`{f.JsonName}`"));
                api.Add(($"GET /api/{e.Route}", $"every {e.Label}, oldest first" + (query.Count > 0 ? $"; filters: {string.Join(", ", query)}" : "")));
                if (Js.Totals(spec, e) is { } totals)
                    api.Add(($"GET /api/{e.Route}/totals", $"`[{{key, total, count}}]`: sum of {totals.Sum.Label} per {totals.Group.Label}"));
                api.Add(($"GET /api/{e.Route}/{{id}}", $"one {e.Label} or 404"));
                api.Add(($"POST /api/{e.Route}", $"creates a {e.Label}: 201 with `Location`, or 400"));
                api.Add(($"PUT /api/{e.Route}/{{id}}", $"replaces a {e.Label}: 200, 400 or 404"));
                api.Add(($"DELETE /api/{e.Route}/{{id}}", $"removes a {e.Label}: 204 or 404"));
            }

        var md = new StringBuilder();
        md.AppendLine($"# {spec.Title}").AppendLine();
        if (!string.IsNullOrWhiteSpace(spec.Description)) md.AppendLine(spec.Description.Trim()).AppendLine();
        md.AppendLine("A Node.js 20 + Express app: a JSON REST API, data in JSON files, and a plain HTML/JS frontend served at `/`.")
            .AppendLine("Errors are JSON: `400 {title, status, errors: {field: [message]}}`, otherwise `{title, status, detail}`.");
        if (spec.Features.Auth)
            md.AppendLine("Every `/api` route but register and login needs `Authorization: Bearer <token>`; each user only sees their own records.");
        md.AppendLine().AppendLine("## Run").AppendLine().AppendLine("```sh").AppendLine("npm install").AppendLine("npm start            # http://localhost:8080")
            .AppendLine("npm test             # node --test").AppendLine("docker compose up --build").AppendLine("```").AppendLine()
            .AppendLine("| variable | default | meaning |").AppendLine("|---|---|---|")
            .AppendLine("| `PORT` | `8080` | port to listen on |")
            .AppendLine("| `DATA_DIR` | `./data` | folder of the JSON data files; `:memory:` keeps everything in memory |").AppendLine()
            .AppendLine("## API").AppendLine().AppendLine("| request | response |").AppendLine("|---|---|");
        foreach (var (route, does) in api) md.AppendLine($"| `{route}` | {does} |");

        foreach (var e in spec.Kind == AppKind.Crud ? spec.Entities : [])
        {
            md.AppendLine().AppendLine($"### {e.Name}").AppendLine().AppendLine("| field | type | required |").AppendLine("|---|---|---|");
            foreach (var f in e.Fields)
            {
                var target = Js.Target(spec, f);
                md.AppendLine($"| `{f.JsonName}` | {FrontendAssets.TypeName(f.Type)}{(target is null ? "" : $" → `{target.Route}`")} | {(f.Required ? "yes" : "no")} |");
            }
            if (Js.HasTags(spec, e)) md.AppendLine("| `tags` | list | no |");
        }

        if (spec.Notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in spec.Notes) md.AppendLine($"- {note}");
        }
        return new("README.md", md.ToString());
    }
}
