using Catalyst.Agents.Coder.Model;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Unit;

/// <summary>A model's files are committed only when every path stays inside the app's part of the repository and the sizes are capped.</summary>
public sealed class ModelFileRulesTests
{
    static readonly AppSpec Node = new() { Name = "tic-tac-toe", Identifier = "TicTacToe", Title = "Tic Tac Toe", Stack = AppStack.Node };

    static List<ModelFile> Complete() =>
        [.. ModelFileRules.Required(Node).Select(p => new ModelFile(p, "x")), new ModelFile("test/game.test.js", "x")];

    [Theory]
    [InlineData("../outside.js")]
    [InlineData("/etc/passwd")]
    [InlineData("src/../../outside.js")]
    [InlineData("C:/windows/x.js")]
    [InlineData("src//app.js")]
    [InlineData("./src/app.js")]
    [InlineData("")]
    public void A_path_that_is_not_relative_and_inside_the_repository_is_refused(string path)
    {
        var (files, _, errors) = ModelFileRules.Check(new ModelFiles("s", [.. Complete(), new ModelFile(path, "x")]), Node, firstBuild: true);

        Assert.Empty(files);
        Assert.Contains(errors, e => e.Contains("not a relative path inside the repository"));
    }

    [Theory]
    [InlineData("planning/plan.yaml")]
    [InlineData("architecture/data-models.json")]
    [InlineData(".git/config")]
    [InlineData("node_modules/x/index.js")]
    public void The_design_and_tool_folders_are_not_the_models_to_write(string path)
    {
        var (files, _, errors) = ModelFileRules.Check(new ModelFiles("s", [.. Complete(), new ModelFile(path, "x")]), Node, firstBuild: true);

        Assert.Empty(files);
        Assert.Contains(errors, e => e.Contains("not the app's to write"));
    }

    [Fact]
    public void Sizes_are_capped_per_file_and_in_all()
    {
        var big = new string('a', ModelFileRules.MaxFileChars + 1);
        var (_, _, oneTooBig) = ModelFileRules.Check(new ModelFiles("s", [.. Complete(), new ModelFile("src/big.js", big)]), Node, firstBuild: true);
        var many = Enumerable.Range(0, 5).Select(i => new ModelFile($"src/part{i}.js", new string('a', ModelFileRules.MaxFileChars)));
        var (_, _, tooMuch) = ModelFileRules.Check(new ModelFiles("s", [.. Complete(), .. many]), Node, firstBuild: true);

        Assert.Contains(oneTooBig, e => e.Contains("src/big.js") && e.Contains("more than the"));
        Assert.Contains(tooMuch, e => e.Contains("in all"));
    }

    [Fact]
    public void A_first_build_needs_the_stacks_files_and_a_test_and_a_fix_does_not()
    {
        var (_, _, first) = ModelFileRules.Check(new ModelFiles("s", [new ModelFile("src/app.js", "x")]), Node, firstBuild: true);
        var (fix, remove, errors) = ModelFileRules.Check(new ModelFiles("s", [new ModelFile("src\\game.js", "fixed")], ["src/old.js"]), Node, firstBuild: false);

        Assert.Contains("package.json is missing.", first);
        Assert.Contains(first, e => e.Contains("no test file"));
        Assert.Empty(errors);
        Assert.Equal("src/game.js", Assert.Single(fix).Path); // normalised to forward slashes
        Assert.Equal(["src/old.js"], remove);
    }
}
