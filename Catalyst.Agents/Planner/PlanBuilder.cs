using Catalyst.Agents.Coder;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Planner;

/// <summary>Turns an understood request into a plan: features, tasks with dependencies, endpoints, risks.</summary>
public sealed class PlanBuilder
{
    public Plan Build(AppSpec spec)
    {
        var plan = new Plan
        {
            Domain = spec,
            Notes = [.. spec.Notes],
            Limitations = [.. spec.Limitations],
            Project = new PlanProject
            {
                Name = spec.Name,
                Title = spec.Title,
                Description = spec.Description,
                TargetUsers = spec.Features.Auth ? "Individuals who each keep their own records" : "Anyone with access to the app",
                Stack = spec.Stack == AppStack.Node ? "Node.js 20 + Express, plain HTML/CSS/JS" : "ASP.NET Core 10 minimal API, plain HTML/CSS/JS",
            },
            ApiEndpoints = [.. ApiSurface.Endpoints(spec).Select(e => new PlanEndpoint { Method = e.Method, Path = e.Path, Description = e.Summary, RequiresAuth = e.NeedsAuth })],
        };

        var scaffold = AddFeature(plan, "Project foundation", "Runnable project skeleton with health check and configuration", "high", "low",
            ["The app starts on the port given in PORT and answers GET /health with 200", "No secret is committed; .env.example documents the settings"]);
        var setup = AddTask(plan, scaffold, "Scaffold the project, configuration and health endpoint", "backend", 1, [], [AppLayout.Program(spec)]);

        string? authTask = null;
        if (spec.Features.Auth)
        {
            var auth = AddFeature(plan, "User accounts", "Registration and login with hashed passwords and bearer tokens", "high", "medium",
                ["A visitor can register with an email and a password of at least 8 characters", "A registered user can log in and receives a token",
                 "A wrong password is refused with 401", "Passwords are stored as salted PBKDF2 hashes, never as text", "Each user sees only their own records"]);
            authTask = AddTask(plan, auth, "Implement registration, login and token authentication", "backend", 3, [setup], AppLayout.Auth(spec));
        }

        var endpointTasks = new Dictionary<string, string>();
        foreach (var entity in spec.Entities)
        {
            var fields = string.Join(", ", entity.Fields.Select(f => f.Label));
            var feature = AddFeature(plan, $"{Inflector.Title([entity.Plural])} management", $"Create, list, edit and delete {entity.Label} records ({fields})", "high",
                entity.Fields.Count > 6 || entity.References.Any() ? "medium" : "low",
                [$"A user can create a {entity.Label} with {fields}", $"Invalid {entity.Label} data is refused with a clear 400 message",
                 $"A user can list, edit and delete {entity.Label} records", .. entity.References.Select(r => $"A {entity.Label} must point to an existing {r.Label}")]);
            var model = AddTask(plan, feature, $"Model {entity.Label} with validation", "backend", 1, [setup], [AppLayout.Model(spec, entity)]);
            var dependsOn = new List<string> { model };
            if (authTask is not null) dependsOn.Add(authTask);
            dependsOn.AddRange(entity.References.Select(r => endpointTasks.GetValueOrDefault(r.References!)).OfType<string>());
            endpointTasks[entity.Name] = AddTask(plan, feature, $"Implement the {entity.Route} endpoints", "backend", 2, dependsOn, [AppLayout.Endpoints(spec, entity)]);
            AddTask(plan, feature, $"Test the {entity.Route} endpoints", "test", 1, [endpointTasks[entity.Name]], [AppLayout.Tests(spec, entity)]);
        }

        if (spec.Kind != AppKind.Crud)
        {
            var stateful = ArchetypeCatalog.Contains(spec.Kind);
            var archetype = AddFeature(plan, spec.Title, spec.Description, "high", stateful ? "medium" : "low",
                [.. ArchetypeCatalog.Criteria(spec.Kind), .. ApiSurface.Endpoints(spec).Skip(1).Select(e => $"{e.Method} {e.Path}: {e.Summary}")]);
            endpointTasks[spec.Title] = AddTask(plan, archetype, $"Implement the {spec.Title} endpoints", "backend", stateful ? 3 : 1, [setup], [AppLayout.ArchetypeEndpoints(spec)]);
            AddTask(plan, archetype, $"Test the {spec.Title} endpoints", "test", stateful ? 2 : 1, [endpointTasks[spec.Title]], [AppLayout.ArchetypeTests(spec)]);
        }

        AddQueryFeatures(plan, spec, endpointTasks);

        var frontend = AddFeature(plan, "Web interface", ArchetypeCatalog.Page(spec.Kind) ?? "A page that uses every endpoint: forms to create and edit, tables to list, buttons to delete", "medium", "medium",
            ["The page works without a build step in a current browser", spec.Features.Auth ? "The page offers sign-up and sign-in before anything else" : "The page shows every record list on one screen"]);
        AddTask(plan, frontend, "Build the HTML/CSS/JS interface from the app schema", "frontend", 2, [.. endpointTasks.Values], [$"{AppLayout.Frontend(spec)}/index.html", $"{AppLayout.Frontend(spec)}/app.js"]);

        var delivery = AddFeature(plan, "Delivery", "Container image, compose file and documentation", "medium", "low",
            ["docker compose up serves the app", "The container runs as a non-root user", "README explains how to run and test the app"]);
        AddTask(plan, delivery, "Write the Dockerfile, compose file, .env.example and README", "devops", 1, [setup], ["Dockerfile", "docker-compose.yml", "README.md", ".env.example"]);

        plan.RiskAssessment = Risks(spec);
        return plan;
    }

    static void AddQueryFeatures(Plan plan, AppSpec spec, Dictionary<string, string> endpointTasks)
    {
        var all = endpointTasks.Values.ToList();
        if (spec.Features.Search)
        {
            var f = AddFeature(plan, "Search", "Find records by any of their text", "medium", "low", ["?q= returns only the records whose text contains the words, ignoring case"]);
            AddTask(plan, f, "Add ?q= search to the list endpoints", "backend", 1, all, [.. spec.Entities.Select(e => AppLayout.Endpoints(spec, e))]);
        }
        if (spec.Features.Tags)
        {
            var f = AddFeature(plan, "Tags", "Label records with tags and filter by them", "medium", "low", ["A record keeps the tags it was given", "?tag= lists only the records with that tag"]);
            AddTask(plan, f, "Add tags and ?tag= filtering", "backend", 1, all, [.. spec.Entities.Select(e => AppLayout.Model(spec, e))]);
        }
        foreach (var total in spec.Features.Aggregates)
        {
            var entity = spec.Entity(total.Entity)!;
            var sum = entity.Fields.First(f => f.Name == total.SumField).Label;
            var by = entity.Fields.First(f => f.Name == total.GroupBy).Label;
            var f = AddFeature(plan, $"Totals per {by}", $"Sum of {sum} per {by}", "medium", "low", [$"GET /api/{entity.Route}/totals returns the total {sum} and the count for each {by}"]);
            AddTask(plan, f, $"Add the {entity.Route} totals endpoint", "backend", 1, [endpointTasks[entity.Name]], [AppLayout.Endpoints(spec, entity)]);
        }
    }

    static List<PlanRisk> Risks(AppSpec spec)
    {
        var risks = new List<PlanRisk>
        {
            new() { Risk = "Data kept in JSON files on one instance", Severity = "medium",
                Mitigation = "Fine for previews and personal use; move to a database before running several instances" },
        };
        if (spec.Features.Auth)
        {
            risks.Add(new() { Risk = "Password storage", Severity = "high", Mitigation = "PBKDF2-SHA256 with a random salt and 100,000 iterations; constant-time comparison" });
            risks.Add(new() { Risk = "Token theft", Severity = "medium", Mitigation = "Random 256-bit tokens that expire after 24 hours; serve over HTTPS in production" });
        }
        if (spec.Entities.Any(e => e.References.Any()))
            risks.Add(new() { Risk = "Records pointing at deleted records", Severity = "medium", Mitigation = "References are checked on create and update; deleting a referenced record is allowed and left to the user" });
        if (spec.Limitations.Count > 0)
            risks.Add(new() { Risk = "Part of the request cannot be built offline", Severity = "high", Mitigation = "The plan says what was built instead; configure a model provider or rephrase the request" });
        if (spec.Notes.Count > 0)
            risks.Add(new() { Risk = "The request was open to interpretation", Severity = "medium", Mitigation = "Assumptions are listed in the plan's notes; refine the request and build again" });
        if (!spec.Features.Auth && spec.Kind == AppKind.Crud)
            risks.Add(new() { Risk = "No access control", Severity = "low", Mitigation = "Anyone who can reach the app can change its data; ask for login to get user accounts" });
        return risks;
    }

    static PlanFeature AddFeature(Plan plan, string name, string description, string priority, string complexity, List<string> criteria)
    {
        var feature = new PlanFeature
        {
            Id = $"F{plan.Features.Count + 1}", Name = name, Description = description, Priority = priority, Complexity = complexity, AcceptanceCriteria = criteria,
        };
        plan.Features.Add(feature);
        return feature;
    }

    static string AddTask(Plan plan, PlanFeature feature, string description, string type, int hours, List<string> dependsOn, string[] files)
    {
        var task = new PlanTask
        {
            Id = $"T{plan.Tasks.Count + 1}", Feature = feature.Id, Description = description, Type = type, EstimatedHours = hours,
            DependsOn = [.. dependsOn.Distinct()], FilesAffected = [.. files.Distinct()],
        };
        plan.Tasks.Add(task);
        feature.Tasks.Add(task.Id);
        return task.Id;
    }
}
