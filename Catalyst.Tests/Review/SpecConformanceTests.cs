using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Reviewer;
using Catalyst.Agents.Reviewer.Analysis;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Generation;

namespace Catalyst.Tests.Review;

/// <summary>The Reviewer checks the app against the understood request: apps generated in memory from specs built here, clean and with faults planted.</summary>
public sealed class SpecConformanceTests
{
    static readonly ReviewerOptions Options = new();

    static JsonObject PassingSummary() => new()
    {
        ["unit"] = new JsonObject { ["total"] = 12, ["passed"] = 12, ["failed"] = 0, ["skipped"] = 0, ["failures"] = new JsonArray() },
        ["timed_out"] = false,
        ["browser"] = new JsonObject { ["passed"] = true },
        ["coverage"] = new JsonObject { ["line_rate"] = 0.9 },
        ["security"] = new JsonObject { ["secrets"] = new JsonArray() },
    };

    static FieldSpec Field(string json, FieldType type, bool required = false, string? references = null) => new()
    {
        Name = char.ToUpperInvariant(json[0]) + json[1..], JsonName = json, Label = json, Type = type, Required = required, References = references,
    };

    static EntitySpec Entity(string name, string plural, params FieldSpec[] fields) =>
        new() { Name = name, Plural = plural, Route = plural.ToLowerInvariant(), Label = name.ToLowerInvariant(), Fields = [.. fields] };

    /// <summary>A reading log: shelves, and books with a field of every type today's generators build.</summary>
    static AppSpec Books(AppStack stack) => new()
    {
        Name = "reading-log", Title = "Reading Log", Identifier = "ReadingLog", Description = "Books on shelves.",
        Prompt = "a reading log where shelves have a name and books have a title, an author, pages, a price, a read flag, a finished date, notes, a website, genres and a shelf",
        Stack = stack,
        Entities =
        [
            Entity("Shelf", "Shelves", Field("name", FieldType.String, required: true)),
            Entity("Book", "Books",
                Field("title", FieldType.String, required: true), Field("author", FieldType.String), Field("pages", FieldType.Integer),
                Field("price", FieldType.Money), Field("read", FieldType.Boolean), Field("finishedOn", FieldType.Date), Field("notes", FieldType.Text),
                Field("website", FieldType.Url), Field("genres", FieldType.StringList), Field("shelfId", FieldType.Reference, references: "Shelf")),
        ],
        Features = new FeatureSet { Search = true },
    };

    static List<SourceFile> Generate(AppSpec spec)
    {
        IAppGenerator generator = spec.Stack == AppStack.Node ? new NodeAppGenerator() : new DotnetAppGenerator();
        return generator.Generate(spec).SelectMany(c => c.Files).GroupBy(f => f.Path).Select(g => new SourceFile(g.Key, g.Last().Content)).ToList();
    }

    /// <summary>The request as the Architect commits it: data-models.json and the OpenAPI contract (of <paramref name="contractFrom"/>, when it differs).</summary>
    static UnderstoodRequest Request(AppSpec spec, AppSpec? contractFrom = null)
    {
        var documents = ArchitectureDocuments.Files(new Plan { Domain = spec });
        var contract = ArchitectureDocuments.Files(new Plan { Domain = contractFrom ?? spec });
        return UnderstoodRequest.From(
            documents.Single(f => f.Path == UnderstoodRequest.DataModelsPath).Content, null,
            contract.Single(f => f.Path == UnderstoodRequest.ContractPath).Content)!;
    }

    static ReviewResult Review(IEnumerable<SourceFile> files, UnderstoodRequest request) =>
        CodeReview.Run(new SourceTree([.. files]), PassingSummary(), Options, request);

    static List<SourceFile> Planted(List<SourceFile> files, string path, string find, string replace)
    {
        var file = files.Single(f => f.Path == path);
        var changed = file.Content.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(file.Content, changed); // the fault is really planted
        return [.. files.Select(f => f == file ? f with { Content = changed } : f)];
    }

    static List<ReviewIssue> Mismatches(ReviewResult review) => [.. review.Issues.Where(i => i.Rule == SpecConformance.Rule)];

    public static TheoryData<AppStack> Stacks => new(AppStack.Dotnet, AppStack.Node);

    [Theory]
    [MemberData(nameof(Stacks))]
    public void An_app_generated_from_the_spec_matches_it_in_every_place(AppStack stack)
    {
        var spec = Books(stack);
        var review = Review(Generate(spec), Request(spec));

        Assert.Empty(Mismatches(review));
        Assert.Equal(ReviewResult.Approved, review.Decision);
        Assert.Equal(100, review.Breakdown[ReviewCategory.SpecConformance]);
        Assert.Equal((UnderstoodRequest.DataModelsPath, 2, 11), (review.Conformance.Source, review.Conformance.Entities, review.Conformance.Fields));
    }

    public static TheoryData<string> Prompts => new(GeneratedApps.Prompts);

    [Theory]
    [MemberData(nameof(Prompts))]
    public void The_example_requests_give_apps_without_a_single_conformance_issue(string prompt)
    {
        var spec = new RequestParser().Parse(prompt);
        var review = Review(Generate(spec), Request(spec));

        Assert.True(Mismatches(review).Count == 0, string.Join("\n", Mismatches(review).Select(i => i.Message)));
        Assert.True(review.Conformance.Checked);
        Assert.Equal(ReviewResult.Approved, review.Decision);
    }

    [Fact]
    public void A_field_dropped_from_the_generated_csharp_model_blocks_approval_and_is_named()
    {
        var spec = Books(AppStack.Dotnet);
        var model = AppLayout.Model(spec, spec.Entity("Book")!);
        var files = Planted(Generate(spec), model, "    public int? Pages { get; set; }\n", "");

        var review = Review(files, Request(spec));

        var issue = Assert.Single(Mismatches(review));
        Assert.Equal((Severity.High, true, ReviewCategory.SpecConformance, model), (issue.Severity, issue.Blocking, issue.Category, issue.File));
        Assert.NotNull(issue.Line);
        Assert.Contains("Book.pages (integer)", issue.Message, StringComparison.Ordinal);
        Assert.Contains("missing from the C# model Book", issue.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewResult.ChangesRequested, review.Decision);
        Assert.True(review.OverallScore >= Options.MinApprovalScore, "the score alone would approve: the mismatch must block on its own");
    }

    [Fact]
    public void A_field_dropped_from_the_generated_node_model_blocks_approval_and_is_named()
    {
        var spec = Books(AppStack.Node);
        var files = Planted(Generate(spec), "src/models/books.js", "    \"pages\": v.integer(input, \"pages\", \"pages\", false, errors),\n", "");

        var review = Review(files, Request(spec));

        var issue = Assert.Single(Mismatches(review));
        Assert.Equal(("src/models/books.js", true), (issue.File, issue.Blocking));
        Assert.Contains("Book.pages (integer)", issue.Message, StringComparison.Ordinal);
        Assert.Contains("the Node model", issue.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewResult.ChangesRequested, review.Decision);
    }

    [Fact]
    public void An_integer_generated_as_a_string_is_named_in_the_code_and_in_the_contract()
    {
        var dotnet = Books(AppStack.Dotnet);
        var model = AppLayout.Model(dotnet, dotnet.Entity("Book")!);
        var csharp = Review(Planted(Generate(dotnet), model, "public int? Pages { get; set; }", "public string? Pages { get; set; }"), Request(dotnet));
        var typed = Assert.Single(Mismatches(csharp));
        Assert.Contains("Book.pages (integer) should be int", typed.Message, StringComparison.Ordinal);
        Assert.Contains("but is string?", typed.Message, StringComparison.Ordinal);
        Assert.Equal(model, typed.File);

        var node = Books(AppStack.Node);
        var js = Review(Planted(Generate(node), "src/models/books.js", "v.integer(input, \"pages\"", "v.string(input, \"pages\""), Request(node));
        var checkedAs = Assert.Single(Mismatches(js));
        Assert.Contains("Book.pages (integer) should be checked by v.integer", checkedAs.Message, StringComparison.Ordinal);

        var wrongContract = Books(AppStack.Dotnet);
        wrongContract.Entity("Book")!.Fields.Single(f => f.JsonName == "pages").Type = FieldType.String;
        var contract = Review(Generate(dotnet), Request(dotnet, contractFrom: wrongContract));
        var inContract = Assert.Single(Mismatches(contract));
        Assert.Contains("Book.pages (integer) should be integer in the OpenAPI contract", inContract.Message, StringComparison.Ordinal);
        Assert.Contains("but is string", inContract.Message, StringComparison.Ordinal);
        Assert.Null(inContract.File); // the Architect's file: named in the message, never handed to the Coder to remove
        Assert.All(new[] { csharp, js, contract }, r => Assert.Equal(ReviewResult.ChangesRequested, r.Decision));
    }

    [Fact]
    public void A_field_missing_from_the_page_or_the_tests_is_named_with_its_file()
    {
        var spec = Books(AppStack.Dotnet);
        var generated = Generate(spec);
        var schema = $"{AppLayout.Frontend(spec)}/schema.json";
        var page = JsonNode.Parse(generated.Single(f => f.Path == schema).Content)!;
        var book = page["entities"]!.AsArray().Single(e => (string?)e!["name"] == "Book")!["fields"]!.AsArray();
        book.Remove(book.Single(f => (string?)f!["name"] == "author"));
        var tests = AppLayout.Tests(spec, spec.Entity("Shelf")!);
        var files = generated.Where(f => f.Path != tests).Select(f => f.Path == schema ? f with { Content = page.ToJsonString() } : f);

        var issues = Mismatches(Review(files, Request(spec)));

        Assert.Contains(issues, i => i.File == schema && i.Message.Contains("Book.author (string)", StringComparison.Ordinal) && i.Message.Contains("the page", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Message.StartsWith("The Shelf records", StringComparison.Ordinal) && i.Message.Contains(tests, StringComparison.Ordinal));
    }

    [Fact]
    public void Words_not_understood_and_limitations_are_listed_and_the_score_is_never_100()
    {
        var spec = Books(AppStack.Dotnet);
        spec.Words.NotUnderstood = ["zorblax", "quux"];
        spec.Limitations = ["A live chat was asked for; the app keeps messages as records instead."];

        var review = Review(Generate(spec), Request(spec));

        var words = review.Issues.Where(i => i.Rule == SpecConformance.NotUnderstoodRule).ToList();
        Assert.Equal(2, words.Count);
        Assert.All(words, i => Assert.Equal((Severity.Medium, false), (i.Severity, i.Blocking)));
        Assert.Contains(words, i => i.Message.Contains("\"zorblax\"", StringComparison.Ordinal));
        var limitation = Assert.Single(review.Issues, i => i.Rule == SpecConformance.LimitationRule);
        Assert.Equal((Severity.High, false), (limitation.Severity, limitation.Blocking));
        Assert.Equal(ReviewResult.Approved, review.Decision); // listed, not blocking
        Assert.True(review.OverallScore < 100);
        Assert.True(review.Breakdown[ReviewCategory.SpecConformance] < 100);

        // However small the penalty, a word not understood caps a perfect breakdown at 99.
        var perfect = Enum.GetValues<ReviewCategory>().ToDictionary(c => c, _ => 100);
        Assert.Equal(100, ReviewScore.Overall(perfect, []));
        Assert.Equal(99, ReviewScore.Overall(perfect, [words[0]]));
    }

    [Fact]
    public async Task The_review_files_list_the_words_not_understood_and_the_limitations()
    {
        using var folder = new Infrastructure.TestDirectory("review");
        var spec = Books(AppStack.Node);
        spec.Words.NotUnderstood = ["zorblax"];
        spec.Limitations = ["No payments: the app records prices only."];
        var review = Review(Generate(spec), Request(spec));
        await ReviewReport.WriteAsync(folder.Path, review, "abc123", fixRound: 0, Options, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        var decision = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, ReviewReport.DecisionFile), TestContext.Current.CancellationToken))!;
        Assert.Equal(["zorblax"], decision["request"]!["not_understood"]!.AsArray().Select(w => (string?)w));
        Assert.Equal(UnderstoodRequest.DataModelsPath, (string?)decision["request"]!["spec_source"]);
        Assert.Contains(decision["issues"]!.AsArray(), i => (string?)i!["rule"] == "not-understood" && (string?)i["category"] == "spec_conformance");
        Assert.Contains(decision["issues"]!.AsArray(), i => (string?)i!["rule"] == "limitation" && (string?)i["severity"] == "high");
        var summary = await File.ReadAllTextAsync(Path.Combine(folder.Path, ReviewReport.SummaryFile), TestContext.Current.CancellationToken);
        Assert.Contains("Words of the request not understood: \"zorblax\"", summary, StringComparison.Ordinal);
        Assert.Contains("- No payments: the app records prices only.", summary, StringComparison.Ordinal);
        Assert.Contains("| spec conformance |", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_data_models_the_spec_is_read_from_the_plan()
    {
        var spec = Books(AppStack.Dotnet);
        var contract = ArchitectureDocuments.Files(new Plan { Domain = spec }).Single(f => f.Path == UnderstoodRequest.ContractPath).Content;
        var request = UnderstoodRequest.From(null, PlanDocuments.ToYaml(new Plan { Domain = spec }), contract)!;
        var model = AppLayout.Model(spec, spec.Entity("Book")!);

        var review = Review(Planted(Generate(spec), model, "    public int? Pages { get; set; }\n", ""), request);

        Assert.Equal(UnderstoodRequest.PlanPath, review.Conformance.Source);
        Assert.Contains(Mismatches(review), i => i.Message.Contains("Book.pages", StringComparison.Ordinal));
        Assert.Null(UnderstoodRequest.From(null, null, contract));
    }

    [Fact]
    public void An_archetype_is_checked_for_its_main_endpoint_in_the_contract()
    {
        var hello = new RequestParser().Parse("hello world");
        Assert.Equal(AppKind.HelloWorld, hello.Kind);
        var counter = new AppSpec { Name = "counter", Title = "Counter", Identifier = "Counter", Kind = AppKind.Counter };
        var files = Generate(hello);

        Assert.Empty(Mismatches(Review(files, Request(hello))));
        var issue = Assert.Single(Mismatches(Review(files, Request(hello, contractFrom: counter))));
        Assert.Contains("/api/hello", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_contract_check_knows_enums_bounds_date_times_and_phones()
    {
        var spec = new AppSpec
        {
            Name = "job-hunt", Title = "Job Hunt", Identifier = "JobHunt",
            Entities = [Entity("Application", "Applications",
                new FieldSpec { Name = "Status", JsonName = "status", Label = "status", Type = FieldType.Enum, Options = ["applied", "interview", "offer"] },
                new FieldSpec { Name = "Rating", JsonName = "rating", Label = "rating", Type = FieldType.Integer, Minimum = 1, Maximum = 5 },
                Field("interviewAt", FieldType.DateTime), Field("phone", FieldType.Phone))],
        };
        static string Contract(string status, string rating, string interviewAt) => $$"""
            openapi: 3.0.3
            paths: {}
            components:
              schemas:
                Application:
                  type: object
                  properties:
                    status: {{status}}
                    rating: {{rating}}
                    interviewAt: {{interviewAt}}
                    phone: { type: string }
            """;
        var right = Contract("{ type: string, enum: [applied, interview, offer] }", "{ type: integer, minimum: 1, maximum: 5 }", "{ type: string, format: date-time }");
        var wrong = Contract("{ type: string }", "{ type: integer, minimum: 0, maximum: 10 }", "{ type: string, format: date }");

        static List<string> ContractIssues(AppSpec spec, string contract) =>
            [.. SpecConformance.Check(new UnderstoodRequest(spec, UnderstoodRequest.DataModelsPath, new SourceFile(UnderstoodRequest.ContractPath, contract)), new SourceTree([]))
                .Issues.Where(i => i.Message.Contains("OpenAPI contract", StringComparison.Ordinal)).Select(i => i.Message)];

        Assert.Empty(ContractIssues(spec, right));
        var issues = ContractIssues(spec, wrong);
        Assert.Equal(4, issues.Count);
        Assert.Contains(issues, m => m.StartsWith("Application.status (enum) should be one of [applied, interview, offer]", StringComparison.Ordinal));
        Assert.Contains(issues, m => m.StartsWith("Application.rating (integer) should be at least 1", StringComparison.Ordinal) && m.Contains("line 9", StringComparison.Ordinal));
        Assert.Contains(issues, m => m.StartsWith("Application.rating (integer) should be at most 5", StringComparison.Ordinal));
        Assert.Contains(issues, m => m.StartsWith("Application.interviewAt (datetime) should be string/date-time", StringComparison.Ordinal) && m.EndsWith("but is string/date.", StringComparison.Ordinal));
    }
}
