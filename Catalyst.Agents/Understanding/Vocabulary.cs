namespace Catalyst.Agents.Understanding;

/// <summary>The words the request understanding knows: what they mean for types, entities and features.</summary>
public static class Vocabulary
{
    /// <summary>Words that name the application rather than what it keeps ("expense tracker", "recipe book").</summary>
    public static readonly HashSet<string> AppWords = new(StringComparer.Ordinal)
    {
        "app", "application", "tracker", "manager", "system", "book", "list", "api", "service", "site", "website",
        "platform", "log", "journal", "catalog", "catalogue", "directory", "store", "organizer", "organiser", "board",
        "tool", "database", "db", "registry", "inventory", "keeper", "diary", "portal", "dashboard", "backend", "crud",
        "webapp", "program", "collection", "hub", "planner",
    };

    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "simple", "small", "basic", "new", "my", "our", "your", "their", "its", "some", "each",
        "every", "please", "build", "create", "make", "generate", "write", "me", "us", "i", "want", "need", "would",
        "like", "to", "for", "of", "in", "on", "that", "which", "who", "where", "can", "could", "should", "with",
        "and", "or", "also", "using", "use", "so", "it", "is", "are", "be", "lets", "let", "allows", "allow", "just",
        "nice", "good", "quick", "tiny", "web", "online", "personal", "modern", "little", "node", "nodejs", "express",
        "javascript", "js", "dotnet", "net", "csharp", "c", "asp", "aspnet", "core", "rest", "restful", "json", "http",
    };

    /// <summary>Words that ask for a feature rather than naming data.</summary>
    public static readonly HashSet<string> FeatureWords = new(StringComparer.Ordinal)
    {
        "login", "logins", "log", "sign", "signin", "signup", "register", "registration", "auth", "authentication",
        "authorization", "account", "accounts", "user", "users", "password", "passwords", "search", "searching",
        "searchable", "tag", "tags", "tagging", "label", "labels", "filter", "filters", "filtering", "total",
        "totals", "sum", "summary", "summaries", "report", "reports", "showing", "show", "shows", "per", "by",
        "crud", "ui", "frontend", "backend", "api", "support", "supports", "ability", "feature", "features",
    };

    /// <summary>Entity nouns whose records link others ("loans" link books and members).</summary>
    public static readonly HashSet<string> LinkingNouns = new(StringComparer.Ordinal)
    {
        "loan", "order", "booking", "reservation", "enrollment", "enrolment", "rental", "appointment", "assignment",
        "subscription", "transaction", "payment", "purchase", "sale", "checkout", "borrowing", "attendance",
        "registration", "review", "comment", "rating", "visit", "shipment", "delivery", "invoice", "ticket",
    };

    /// <summary>Fields a well-known entity has when the request names none.</summary>
    public static readonly Dictionary<string, string[]> DefaultFields = new(StringComparer.Ordinal)
    {
        ["todo"] = ["title", "done", "due date"],
        ["task"] = ["title", "done", "due date"],
        ["expense"] = ["amount", "category", "date", "note"],
        ["recipe"] = ["title", "ingredients", "steps"],
        ["bookmark"] = ["title", "url", "description"],
        ["book"] = ["title", "author", "isbn", "published year"],
        ["member"] = ["name", "email", "phone"],
        ["loan"] = ["loan date", "due date", "returned"],
        ["note"] = ["title", "content"],
        ["contact"] = ["name", "email", "phone", "company"],
        ["product"] = ["name", "price", "stock", "description"],
        ["customer"] = ["name", "email", "phone"],
        ["order"] = ["order date", "quantity", "status"],
        ["event"] = ["title", "date", "location", "description"],
        ["movie"] = ["title", "year", "rating", "genre"],
        ["song"] = ["title", "artist", "album", "year"],
        ["habit"] = ["name", "frequency", "done"],
        ["workout"] = ["name", "date", "duration minutes", "notes"],
        ["employee"] = ["name", "email", "role", "salary"],
        ["student"] = ["name", "email", "grade"],
        ["course"] = ["title", "description", "credits"],
        ["project"] = ["name", "description", "deadline", "status"],
        ["invoice"] = ["number", "amount", "due date", "paid"],
        ["post"] = ["title", "content", "published"],
        ["article"] = ["title", "content", "author", "published"],
        ["item"] = ["title", "description", "done"],
        ["link"] = ["title", "url"],
        ["meal"] = ["name", "calories", "date"],
        ["plant"] = ["name", "species", "last watered"],
        ["transaction"] = ["amount", "category", "date", "description"],
        ["budget"] = ["category", "amount", "month"],
        ["ticket"] = ["title", "description", "status", "priority"],
        ["appointment"] = ["title", "date", "location", "notes"],
    };

    public static FieldType TypeOf(IReadOnlyList<string> words)
    {
        var last = words[^1];
        var all = string.Join(' ', words);
        if (words.Any(w => w is "email" or "mail")) return FieldType.Email;
        if (words.Any(w => w is "url" or "link" or "website" or "homepage" or "href" or "uri")) return FieldType.Url;
        if (words.Any(w => w is "amount" or "price" or "cost" or "total" or "salary" or "budget" or "fee" or "balance" or "spent" or "income" or "payment" or "revenue"))
            return FieldType.Money;
        if (last is "date" or "deadline" or "birthday" or "due" or "day" || all.StartsWith("date ", StringComparison.Ordinal) || last == "watered")
            return FieldType.Date;
        if (words[0] is "is" or "has" || last is "done" or "completed" or "complete" or "finished" or "active" or "paid" or "published" or "returned" or "archived" or "read" or "favorite" or "favourite" or "available" or "enabled")
            return FieldType.Boolean;
        if (last is "count" or "quantity" or "qty" or "age" or "servings" or "rating" or "year" or "pages" or "stock" or "minutes" or "hours" or "calories" or "credits" or "score" or "level" or "priority" or "number" or "grade" or "duration" or "floor" or "seats")
            return last is "number" && words.Count == 1 ? FieldType.String : FieldType.Integer;
        if (last is "weight" or "height" or "distance" or "temperature" or "percentage" or "percent" or "latitude" or "longitude")
            return FieldType.Decimal;
        if (last is "ingredients" or "steps" or "items" or "skills" or "authors" or "attendees" or "participants" or "tasks" or "instructions" or "links" or "keywords" or "aliases" or "members" or "tools")
            return FieldType.StringList;
        if (last is "description" or "notes" or "note" or "content" or "body" or "bio" or "summary" or "text" or "comment" or "comments" or "details" or "review" or "message" or "address")
            return FieldType.Text;
        return FieldType.String;
    }

    /// <summary>Fields worth an exact-match filter: categories and states, not free text.</summary>
    public static bool IsCategorical(string lastWord) =>
        lastWord is "category" or "status" or "type" or "genre" or "priority" or "kind" or "group" or "department" or "role"
            or "level" or "frequency" or "tag" or "label" or "author" or "artist" or "company" or "location" or "month" or "species";
}
