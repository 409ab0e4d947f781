using System.Globalization;
using System.Text;

namespace Catalyst.Core.Projects;

/// <summary>
/// A project's file-system and URL-safe name: lower-case ASCII letters, digits and single hyphens, at most
/// <see cref="MaxLength"/> characters. Anything else (path separators, dots, quotes, emoji) is dropped, so a
/// slug can never name a parent folder or leave the repositories root.
/// </summary>
public static class ProjectSlug
{
    public const int MaxLength = 60;

    public static string? From(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue; // é -> e
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(lower);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug.Length == 0 ? null : slug;
    }
}
