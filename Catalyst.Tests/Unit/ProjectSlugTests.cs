using Catalyst.Core.Projects;

namespace Catalyst.Tests.Unit;

public sealed class ProjectSlugTests
{
    [Theory]
    [InlineData("Todo App", "todo-app")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("Café Recipes", "cafe-recipes")]
    [InlineData("'; DROP TABLE tasks; --", "drop-table-tasks")]
    [InlineData("rocket 🚀 launcher", "rocket-launcher")]
    [InlineData("  --My__Project--  ", "my-project")]
    public void Names_become_safe_slugs(string name, string expected) => Assert.Equal(expected, ProjectSlug.From(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../..")]
    [InlineData("🚀🚀")]
    public void Names_without_letters_or_digits_have_no_slug(string name) => Assert.Null(ProjectSlug.From(name));

    [Fact]
    public void Slugs_are_capped_in_length()
    {
        var slug = ProjectSlug.From(new string('a', 500) + " b")!;
        Assert.True(slug.Length <= ProjectSlug.MaxLength);
    }
}
