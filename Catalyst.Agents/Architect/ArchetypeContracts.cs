using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Architect;

/// <summary>Request and response schemas of the stateful archetypes' endpoints (see <see cref="ArchetypeCatalog"/>).</summary>
static class ArchetypeContracts
{
    /// <summary>Fills in the request body and responses of an archetype endpoint; false when the kind is not one of them.</summary>
    public static bool Describe(ApiEndpoint endpoint, JsonObject operation, JsonObject responses)
    {
        switch (endpoint.Kind)
        {
            case "timers": responses["200"] = Json("Every timer, oldest first", Array(Timer())); return true;
            case "timer-create":
                operation["requestBody"] = Body(Object(new()
                {
                    ["label"] = new JsonObject { ["type"] = "string", ["maxLength"] = 100 },
                    ["mode"] = Enum("countdown", "stopwatch"),
                    ["durationSeconds"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 86400, ["description"] = "Required for a countdown" },
                }, "label"));
                Created(responses, Timer());
                return true;
            case "timer": responses["200"] = Json("The timer", Timer()); NotFound(responses); return true;
            case "timer-action":
                responses["200"] = Json("The timer in its new state", Timer());
                NotFound(responses);
                responses["409"] = Problem("The action does not fit the timer's state (e.g. pausing a paused timer)");
                return true;
            case "polls": responses["200"] = Json("Every poll with its results", Array(Poll())); return true;
            case "poll-create":
                operation["requestBody"] = Body(Object(new()
                {
                    ["question"] = new JsonObject { ["type"] = "string", ["maxLength"] = 200 },
                    ["options"] = new JsonObject { ["type"] = "array", ["minItems"] = 2, ["maxItems"] = 10, ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = 100 } },
                }, "question", "options"));
                Created(responses, Poll());
                return true;
            case "poll": responses["200"] = Json("The poll with its results", Poll()); NotFound(responses); return true;
            case "vote":
                operation["requestBody"] = Body(Object(new() { ["optionId"] = Int() }, "optionId"));
                responses["200"] = Json("The poll with its results after the vote", Poll());
                responses["400"] = Invalid("Unknown option");
                NotFound(responses);
                return true;
            case "quizzes":
                responses["200"] = Json("Every quiz", Array(Object(new() { ["id"] = Str("uuid"), ["title"] = Str(), ["questionCount"] = Int(), ["createdAt"] = Str("date-time") }, "id", "title", "questionCount")));
                return true;
            case "quiz-create":
                operation["requestBody"] = Body(Object(new()
                {
                    ["title"] = new JsonObject { ["type"] = "string", ["maxLength"] = 200 },
                    ["questions"] = new JsonObject
                    {
                        ["type"] = "array", ["minItems"] = 1, ["maxItems"] = 50,
                        ["items"] = Object(new() { ["text"] = Str(), ["choices"] = Choices(), ["answer"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "Index of the correct choice" } }, "text", "choices", "answer"),
                    },
                }, "title", "questions"));
                Created(responses, Quiz());
                return true;
            case "quiz": responses["200"] = Json("The quiz, without its answers", Quiz()); NotFound(responses); return true;
            case "submission":
                operation["requestBody"] = Body(Object(new() { ["answers"] = new JsonObject { ["type"] = "array", ["items"] = Int(), ["description"] = "The chosen choice's index, one per question" } }, "answers"));
                responses["200"] = Json("The score and the correct answers", Object(new()
                {
                    ["score"] = Int(), ["total"] = Int(), ["percent"] = Number(),
                    ["results"] = Array(Object(new() { ["chosen"] = Int(), ["answer"] = Int(), ["correct"] = new JsonObject { ["type"] = "boolean" } }, "chosen", "answer", "correct")),
                }, "score", "total", "percent", "results"));
                responses["400"] = Invalid("Not one answer per question, or a choice out of range");
                NotFound(responses);
                return true;
            case "board":
                responses["200"] = Json("The columns and their cards in order", Object(new()
                {
                    ["columns"] = Array(Object(new() { ["id"] = Str(), ["name"] = Str(), ["cards"] = Array(Card()) }, "id", "name", "cards")),
                }, "columns"));
                return true;
            case "card-create":
                operation["requestBody"] = Body(Object(new()
                {
                    ["title"] = new JsonObject { ["type"] = "string", ["maxLength"] = 200 },
                    ["description"] = new JsonObject { ["type"] = "string", ["maxLength"] = 2000 },
                    ["columnId"] = Columns(),
                }, "title"));
                Created(responses, Card());
                return true;
            case "card-move":
                operation["requestBody"] = Body(Object(new() { ["columnId"] = Columns(), ["position"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "0 is the top; past the end means last" } }, "columnId"));
                responses["200"] = Json("The card where it now is", Card());
                responses["400"] = Invalid("Unknown column or a negative position");
                NotFound(responses);
                return true;
            default: return false;
        }
    }

    static JsonObject Timer() => Object(new()
    {
        ["id"] = Str("uuid"), ["label"] = Str(), ["mode"] = Enum("countdown", "stopwatch"),
        ["durationSeconds"] = new JsonObject { ["type"] = "integer", ["nullable"] = true },
        ["state"] = Enum("idle", "running", "paused", "finished"),
        ["elapsedMs"] = Int(), ["remainingMs"] = new JsonObject { ["type"] = "integer", ["nullable"] = true, ["description"] = "null for a stopwatch" },
        ["createdAt"] = Str("date-time"),
    }, "id", "label", "mode", "state", "elapsedMs");

    static JsonObject Poll() => Object(new()
    {
        ["id"] = Str("uuid"), ["question"] = Str(), ["totalVotes"] = Int(), ["createdAt"] = Str("date-time"),
        ["options"] = Array(Object(new() { ["id"] = Int(), ["text"] = Str(), ["votes"] = Int(), ["percent"] = Number() }, "id", "text", "votes", "percent")),
    }, "id", "question", "options", "totalVotes");

    static JsonObject Quiz() => Object(new()
    {
        ["id"] = Str("uuid"), ["title"] = Str(), ["createdAt"] = Str("date-time"),
        ["questions"] = Array(Object(new() { ["text"] = Str(), ["choices"] = Choices() }, "text", "choices")),
    }, "id", "title", "questions");

    static JsonObject Card() => Object(new()
    {
        ["id"] = Str("uuid"), ["title"] = Str(), ["description"] = new JsonObject { ["type"] = "string", ["nullable"] = true },
        ["columnId"] = Columns(), ["position"] = Int(), ["createdAt"] = Str("date-time"),
    }, "id", "title", "columnId", "position");

    static JsonObject Choices() => new() { ["type"] = "array", ["minItems"] = 2, ["maxItems"] = 6, ["items"] = Str() };
    static JsonObject Columns() => Enum([.. ArchetypeCatalog.KanbanColumns.Select(c => c.Id)]);

    static void Created(JsonObject responses, JsonObject schema)
    {
        responses["201"] = Json("Created", schema);
        responses["400"] = Invalid("Invalid data");
    }

    static void NotFound(JsonObject responses) => responses["404"] = Problem("Not found");

    static JsonObject Str(string? format = null) => format is null ? new() { ["type"] = "string" } : new() { ["type"] = "string", ["format"] = format };
    static JsonObject Int() => new() { ["type"] = "integer" };
    static JsonObject Number() => new() { ["type"] = "number" };
    static JsonObject Array(JsonObject items) => new() { ["type"] = "array", ["items"] = items };
    static JsonObject Enum(params string[] values) => new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    static JsonObject Object(JsonObject properties, params string[] required) =>
        new() { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]) };

    static JsonObject Body(JsonObject schema) =>
        new() { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } } };

    static JsonObject Json(string description, JsonObject schema) =>
        new() { ["description"] = description, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } } };

    static JsonObject Problem(string description) => Ref(description, "Problem");
    static JsonObject Invalid(string description) => Ref(description, "ValidationProblem");

    static JsonObject Ref(string description, string schema) =>
        Json(description, new JsonObject { ["$ref"] = $"#/components/schemas/{schema}" });
}
