using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Generation;

public sealed class RequestParserTests
{
    static readonly RequestParser Parser = new();

    static string Describe(AppSpec spec) => string.Join(" | ", spec.Entities.Select(e =>
        $"{e.Name}({string.Join(",", e.Fields.Select(f => $"{f.JsonName}:{f.Type}{(f.Required ? "!" : "")}"))})"));

    [Fact]
    public void A_todo_app_with_login_has_todos_and_per_user_accounts()
    {
        var spec = Parser.Parse("a todo app with user registration and login");
        Assert.Equal("todo-app", spec.Name);
        Assert.Equal(AppKind.Crud, spec.Kind);
        var todo = Assert.Single(spec.Entities);
        Assert.Equal("Todo", todo.Name);
        Assert.Equal("todos", todo.Route);
        Assert.Contains(todo.Fields, f => f.JsonName == "title" && f.Required);
        Assert.Contains(todo.Fields, f => f.JsonName == "done" && f.Type == FieldType.Boolean);
        Assert.True(spec.Features.Auth);
        Assert.True(spec.Features.Ownership);
        Assert.Equal(AppStack.Dotnet, spec.Stack);
    }

    [Fact]
    public void An_expense_tracker_reads_its_fields_types_and_totals()
    {
        var spec = Parser.Parse("an expense tracker with amount, category and date, showing the total per category");
        var expense = Assert.Single(spec.Entities);
        Assert.Equal("Expense(amount:Money!,category:String,date:Date)", Describe(spec));
        Assert.True(expense.Fields.Single(f => f.JsonName == "category").Filterable);
        var total = Assert.Single(spec.Features.Aggregates);
        Assert.Equal(("Expense", "Amount", "Category"), (total.Entity, total.SumField, total.GroupBy));
        Assert.False(spec.Features.Auth);
    }

    [Fact]
    public void A_recipe_book_takes_the_fields_recipes_have()
    {
        var spec = Parser.Parse("a recipe book where recipes have a title, ingredients and steps");
        Assert.Equal("Recipe(title:String!,ingredients:StringList,steps:StringList)", Describe(spec));
        Assert.Equal("recipe-book", spec.Name);
    }

    [Fact]
    public void A_library_links_loans_to_books_and_members()
    {
        var spec = Parser.Parse("a library system with books, members and loans");
        Assert.Equal(["Book", "Member", "Loan"], spec.Entities.Select(e => e.Name));
        var loan = spec.Entity("Loan")!;
        Assert.Equal(["Book", "Member"], loan.References.Select(r => r.References));
        Assert.Equal(["bookId", "memberId"], loan.References.Select(r => r.JsonName));
        Assert.Equal("library-system", spec.Name);
    }

    [Fact]
    public void Hello_world_is_an_archetype()
    {
        var spec = Parser.Parse("hello world");
        Assert.Equal(AppKind.HelloWorld, spec.Kind);
        Assert.Empty(spec.Entities);
        Assert.Equal("hello-world", spec.Name);
    }

    [Fact]
    public void A_bookmarks_api_in_node_with_tags_and_search()
    {
        var spec = Parser.Parse("a bookmarks API in Node with tags and search");
        Assert.Equal(AppStack.Node, spec.Stack);
        var bookmark = Assert.Single(spec.Entities);
        Assert.Equal("Bookmark", bookmark.Name);
        Assert.Contains(bookmark.Fields, f => f.JsonName == "url" && f.Type == FieldType.Url);
        Assert.True(spec.Features.Tags);
        Assert.True(spec.Features.Search);
        Assert.Equal("bookmarks-api", spec.Name);
    }

    [Theory]
    [InlineData("asdf qwer zxcv")]
    [InlineData("hmm")]
    [InlineData("")]
    public void Unknown_words_fall_back_to_generic_items_and_say_so(string prompt)
    {
        var spec = Parser.Parse(prompt);
        var item = Assert.Single(spec.Entities);
        Assert.Equal("Item", item.Name);
        Assert.Contains(spec.Notes, n => n.Contains("generic items"));
    }

    [Fact]
    public void Hostile_text_only_ever_becomes_safe_identifiers()
    {
        var spec = Parser.Parse("a \"tracker\" with ../../etc, '; DROP TABLE users; --, class, 🚀rockets and 1st place", "../../etc/passwd");
        Assert.Equal("etc-passwd", spec.Name);
        foreach (var entity in spec.Entities)
        {
            Assert.Matches("^[A-Z][A-Za-z0-9]*$", entity.Name);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", entity.Route);
            Assert.All(entity.Fields, f => Assert.Matches("^[A-Z][A-Za-z0-9]*$", f.Name));
        }
    }

    [Fact]
    public void Three_hundred_entities_are_capped_with_a_note()
    {
        var spec = Parser.Parse("an app with " + string.Join(", ", Enumerable.Range(1, 300).Select(i => $"widget{i}s")));
        Assert.Equal(RequestParser.MaxEntities, spec.Entities.Count);
        Assert.Contains(spec.Notes, n => n.Contains("first 12"));
    }

    [Fact]
    public void Different_requests_give_different_apps()
    {
        string[] prompts = ["a todo app with user registration and login", "an expense tracker with amount, category and date",
            "a recipe book where recipes have a title, ingredients and steps", "a library system with books, members and loans"];
        Assert.Equal(prompts.Length, prompts.Select(p => Describe(Parser.Parse(p))).Distinct().Count());
    }

    [Fact]
    public void Plurals_in_ie_keep_their_e_and_one_noun_is_one_entity()
    {
        var spec = Parser.Parse("a movie tracker with movies and actors");
        Assert.Equal(["Movie", "Actor"], spec.Entities.Select(e => e.Name));
        Assert.Equal(spec.Entities.Count, spec.Entities.Select(e => e.Route).Distinct().Count());
    }

    [Fact]
    public void Things_that_have_fields_are_entities_with_those_fields()
    {
        var spec = Parser.Parse("a reading list with books that have a title and an author");
        var book = Assert.Single(spec.Entities, e => e.Name == "Book");
        Assert.Equal(["title", "author"], book.Fields.Select(f => f.JsonName));
    }

    [Fact]
    public void A_counter_is_only_the_archetype_when_it_is_the_app()
    {
        Assert.Equal(AppKind.Counter, Parser.Parse("a click counter").Kind);
        Assert.Equal(AppKind.Crud, Parser.Parse("a calorie counter with meals").Kind);
    }

    [Fact]
    public void Totals_group_only_by_text_and_say_so_otherwise()
    {
        var spec = Parser.Parse("an expense tracker with amount, category and date, showing the total by date");
        Assert.Empty(spec.Features.Aggregates);
        Assert.Contains(spec.Notes, n => n.Contains("Totals per date were not generated"));
    }

    [Fact]
    public void App_names_never_hide_the_types_the_app_uses()
    {
        Assert.Equal("DataDirectoryApp", Parser.Parse("a data directory with a name and an owner").Identifier);
        Assert.Equal("WebApplicationApp", Parser.Parse("notes", "Web Application").Identifier);
    }
}
