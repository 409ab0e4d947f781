using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>Each kind of change a follow-up can make, at the spec level, and what it says when it cannot.</summary>
public sealed class FollowUpChangeTests
{
    static readonly RequestParser Parser = new();
    static readonly ChangeReader Reader = new(Parser);

    static SpecRevision Change(string first, string followUp) => Reader.Read(followUp, Parser.Parse(first));

    [Fact]
    public void Adding_a_field_types_it_like_a_first_request_and_keeps_the_rest_of_the_app()
    {
        var revision = Change("a todo app with login", "now add a due date and a priority (low, medium or high) to todos");

        var todo = Assert.Single(revision.Spec.Entities);
        Assert.Equal(["title", "done", "dueDate", "priority"], todo.Fields.Select(f => f.JsonName));
        Assert.Equal(FieldType.Date, todo.Fields[2].Type);
        Assert.Equal(["low", "medium", "high"], todo.Fields[3].Options);
        Assert.True(revision.Spec.Features.Auth);
        Assert.Empty(revision.Limitations);
    }

    [Fact]
    public void Removing_a_field_drops_it_and_what_depended_on_it()
    {
        var revision = Change("an expense tracker with amount, category and date, showing the total per category", "remove the category");

        var expense = Assert.Single(revision.Spec.Entities);
        Assert.DoesNotContain(expense.Fields, f => f.JsonName == "category");
        Assert.Empty(revision.Spec.Features.Aggregates);
        Assert.Equal(["remove_field Expense.category"], revision.Changes.Select(c => c.ToString()));
    }

    [Fact]
    public void Renaming_a_field_keeps_its_type_and_position()
    {
        var revision = Change("a contacts app with name, email, phone and birthday", "rename phone to mobile number");

        var contact = Assert.Single(revision.Spec.Entities);
        Assert.Equal(["name", "email", "mobileNumber", "birthday"], contact.Fields.Select(f => f.JsonName));
        Assert.Equal(FieldType.Phone, contact.Fields[2].Type);
    }

    [Fact]
    public void Adding_a_record_that_points_to_an_existing_one_makes_a_reference()
    {
        var revision = Change("a todo app", "add projects with a name and a deadline, and each todo belongs to a project");

        var project = revision.Spec.Entity("Project");
        Assert.NotNull(project);
        Assert.Equal(["name", "deadline"], project.Fields.Select(f => f.JsonName));
        Assert.Contains(revision.Spec.Entity("Todo")!.Fields, f => f.Type == FieldType.Reference && f.References == "Project");
    }

    [Fact]
    public void Login_search_and_tags_are_switched_on()
    {
        var revision = Change("a recipe app where recipes have a title and ingredients", "add login, then let me search recipes and tag them");

        Assert.Equal(["add_feature auth", "add_feature search", "add_feature tags"], revision.Changes.Select(c => c.ToString()).Order());
        Assert.True(revision.Spec.Features.Auth && revision.Spec.Features.Ownership);
        Assert.True(revision.Spec.Features.Search);
        Assert.True(revision.Spec.Features.Tags);
    }

    [Fact]
    public void A_change_it_cannot_make_is_a_limitation_and_leaves_the_app_as_it_was()
    {
        var first = Parser.Parse("a todo app with login");
        var revision = Reader.Read("send me an email every morning with the todos due today", first);

        Assert.True(revision.Unchanged);
        Assert.False(revision.NewApp);
        Assert.Contains(revision.Limitations, l => l.Contains("cannot", StringComparison.Ordinal));
        Assert.Equal(first.Entities.Select(e => e.Name), revision.Spec.Entities.Select(e => e.Name));
    }

    [Fact]
    public void Asking_for_what_the_app_has_or_for_a_field_it_lacks_says_so()
    {
        var existing = Change("a contacts app with name, email and phone", "add an email to contacts");
        var missing = Change("a contacts app with name, email and phone", "remove the fax number");

        Assert.True(existing.Unchanged);
        Assert.Contains(existing.Limitations, l => l.Contains("already has email", StringComparison.Ordinal));
        Assert.True(missing.Unchanged);
        Assert.Contains(missing.Limitations, l => l.Contains("no field or record called \"fax number\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Part_of_a_follow_up_it_can_make_is_made_and_the_rest_is_listed()
    {
        var revision = Change("a todo app with login", "add a due date and export todos to pdf");

        Assert.Equal(["add_field Todo.dueDate:date"], revision.Changes.Select(c => c.ToString()));
        Assert.Contains(revision.Limitations, l => l.Contains("export", StringComparison.Ordinal));
        Assert.Equal(revision.Limitations, revision.Spec.Limitations);
    }

    [Fact]
    public void A_whole_new_app_is_read_as_a_new_app_not_as_a_change()
    {
        Assert.True(Change("a todo app with login", "a recipe app where recipes have a title and ingredients").NewApp);
        Assert.False(Change("a todo app with login", "todos should have a due date").NewApp);
    }
}
