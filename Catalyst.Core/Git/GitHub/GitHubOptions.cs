using System.ComponentModel.DataAnnotations;
using Catalyst.Core.Security;

namespace Catalyst.Core.Git.GitHub;

/// <summary>
/// Where projects are pushed and pull requests opened: public GitHub unless <see cref="BaseUrl"/> names a
/// GitHub Enterprise server. Without <see cref="Token"/> nothing is ever sent to GitHub.
/// </summary>
public sealed class GitHubOptions : IValidatableObject
{
    public const string Section = "Catalyst:GitHub";

    /// <summary>A token allowed to create repositories and push (classic: repo scope; fine-grained: contents and pull requests).</summary>
    public string? Token { get; set; }

    /// <summary>The organisation or user the repositories live under; the token's own user when unset.</summary>
    public string? Owner { get; set; }

    /// <summary>A GitHub Enterprise server (its API is under /api/v3/); public GitHub when unset.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one call to GitHub's API may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether new repositories are private.</summary>
    public bool PrivateRepositories { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);

    /// <summary>
    /// Text about a GitHub step (an error GitHub or libgit2 gave) without the token: masked by its value, whatever
    /// its shape, and any other credential by shape.
    /// </summary>
    public string Scrub(string text)
    {
        if (IsConfigured) text = text.Replace(Token!, SecretRedactor.Mask, StringComparison.Ordinal);
        return SecretRedactor.Redact(text);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null && (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https")))
            yield return new ValidationResult($"{Section}:BaseUrl must be an absolute http(s) URL, such as https://github.example.com.", [nameof(BaseUrl)]);
        if (Owner is not null && !OwnerPattern.IsMatch(Owner))
            yield return new ValidationResult($"{Section}:Owner must be a GitHub user or organisation name (letters, digits and single hyphens).", [nameof(Owner)]);
        if (Token is { } token && token.Any(char.IsWhiteSpace))
            yield return new ValidationResult($"{Section}:Token must not contain white space.", [nameof(Token)]);
    }

    static readonly System.Text.RegularExpressions.Regex OwnerPattern = new(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\z");
}
