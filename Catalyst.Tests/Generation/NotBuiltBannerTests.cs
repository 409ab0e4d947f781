using System.Text.Json.Nodes;
using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Generation;

/// <summary>The generated page says what the offline generator could not build, and only when it could not.</summary>
public sealed class NotBuiltBannerTests
{
    static readonly RequestParser Parser = new();

    static (string Page, JsonObject Schema) Frontend(AppSpec spec)
    {
        var files = FrontendAssets.For(spec, "public");
        return (files.Single(f => f.Path == "public/index.html").Content,
            JsonNode.Parse(files.Single(f => f.Path == "public/schema.json").Content)!.AsObject());
    }

    [Fact]
    public void A_request_beyond_the_generator_gets_a_banner_naming_what_was_not_built_and_what_was()
    {
        var spec = Parser.Parse("a sales tracker where sales have an amount and a date, with a dashboard of charts");
        var limitation = Assert.Single(spec.Limitations);
        var (page, schema) = Frontend(spec);

        Assert.Contains("<aside id=\"not-built\" class=\"not-built\" role=\"note\" aria-labelledby=\"not-built-title\">", page);
        Assert.Contains("<h2 id=\"not-built-title\">Not built</h2>", page);
        Assert.Contains($"<p>{System.Net.WebUtility.HtmlEncode(limitation)}</p>", page);
        Assert.Contains("a records app for sales", limitation);
        // the banner is part of the page before any script runs, between the heading and the app
        Assert.True(page.IndexOf("</header>", StringComparison.Ordinal) < page.IndexOf("id=\"not-built\"", StringComparison.Ordinal));
        Assert.True(page.IndexOf("id=\"not-built\"", StringComparison.Ordinal) < page.IndexOf("<main", StringComparison.Ordinal));
        Assert.Equal([limitation], schema["limitations"]!.AsArray().Select(l => (string)l!));
    }

    [Fact]
    public void A_request_the_generator_builds_gets_no_banner()
    {
        var (page, schema) = Frontend(Parser.Parse("a reading list where books have a title, an author and a rating from 1 to 5"));
        Assert.DoesNotContain("not-built", page);
        Assert.DoesNotContain("{{", page);
        Assert.Empty(schema["limitations"]!.AsArray());
    }

    [Fact]
    public void The_banner_text_is_html_encoded()
    {
        var spec = Parser.Parse("a todo app");
        spec.Limitations.Add("The offline generator cannot build <script>alert(1)</script> & co.");
        var (page, _) = Frontend(spec);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co.", page);
        Assert.DoesNotContain("<script>alert(1)", page);
    }
}
