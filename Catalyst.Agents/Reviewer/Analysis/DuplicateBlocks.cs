using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Catalyst.Agents.Reviewer.Analysis;

public sealed record CodeLocation(string File, int StartLine, int EndLine);

/// <summary>The same code in two places: where, and how many lines each copy spans.</summary>
public sealed record DuplicateBlock(CodeLocation First, CodeLocation Second, int Lines);

public sealed record DuplicationReport(IReadOnlyList<DuplicateBlock> Blocks, int DuplicatedLines, int CodeLines)
{
    public double Percent => CodeLines == 0 ? 0 : Math.Round(100.0 * DuplicatedLines / CodeLines, 1);
}

/// <summary>
/// Copy-paste detection in the manner of PMD's CPD: C# is compared as Roslyn tokens (so layout and comments
/// do not hide a copy, and a renamed identifier does make code different), other code as trimmed lines. A
/// run of at least <see cref="MinTokens"/> tokens or <see cref="MinLines"/> lines found twice is a duplicate.
/// </summary>
public static class DuplicateBlocks
{
    public const int MinTokens = 70;
    public const int MinLines = 8;

    readonly record struct Unit(string Text, int Line);

    public static DuplicationReport Find(IEnumerable<SourceFile> files)
    {
        var units = files.Where(f => f.IsCode && !f.IsTest).ToDictionary(f => f.Path, Units);
        var codeLines = units.Values.Sum(u => u.Select(x => x.Line).Distinct().Count());
        var duplicated = units.ToDictionary(u => u.Key, _ => new HashSet<int>());
        var blocks = new List<DuplicateBlock>();

        // C# is compared with C#, scripts with scripts.
        foreach (var language in units.GroupBy(u => u.Key.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)))
        {
            var size = language.Key ? MinTokens : MinLines;
            var seen = new Dictionary<string, (string File, int Index)>(StringComparer.Ordinal);
            foreach (var (path, list) in language)
            {
                var skipUntil = -1; // after a match, jump past it: one block per copy, not one per shifted window
                for (var i = 0; i + size <= list.Count; i++)
                {
                    if (i < skipUntil) continue;
                    var key = string.Join('\u001f', list.Skip(i).Take(size).Select(u => u.Text));
                    if (!seen.TryGetValue(key, out var earlier)) { seen[key] = (path, i); continue; }
                    if (earlier.File == path && earlier.Index + size > i) continue; // overlaps itself
                    var length = Extend(units[earlier.File], earlier.Index, list, i, size, earlier.File == path);
                    var first = Locate(earlier.File, units[earlier.File], earlier.Index, length);
                    var second = Locate(path, list, i, length);
                    blocks.Add(new DuplicateBlock(first, second, second.EndLine - second.StartLine + 1));
                    foreach (var line in Enumerable.Range(second.StartLine, second.EndLine - second.StartLine + 1)) duplicated[path].Add(line);
                    skipUntil = i + length;
                }
            }
        }
        var duplicatedLines = units.Sum(u => u.Value.Select(x => x.Line).Distinct().Count(duplicated[u.Key].Contains));
        return new DuplicationReport(blocks, duplicatedLines, codeLines);
    }

    static int Extend(List<Unit> a, int i, List<Unit> b, int j, int length, bool sameFile)
    {
        while (i + length < a.Count && j + length < b.Count && a[i + length].Text == b[j + length].Text && (!sameFile || i + length < j)) length++;
        return length;
    }

    static CodeLocation Locate(string file, List<Unit> units, int index, int length) => new(file, units[index].Line, units[index + length - 1].Line);

    static List<Unit> Units(SourceFile file)
    {
        if (file.IsCSharp)
        {
            // Using directives are alike in every file and say nothing about copied logic.
            var root = CSharpSyntaxTree.ParseText(file.Content).GetRoot();
            return root.DescendantTokens()
                .Where(t => t.Parent?.FirstAncestorOrSelf<UsingDirectiveSyntax>() is null && !t.IsKind(SyntaxKind.EndOfFileToken))
                .Select(t => new Unit(t.Text, t.GetLocation().GetLineSpan().StartLinePosition.Line + 1))
                .ToList();
        }
        return file.Lines.Select((text, index) => new Unit(text.Trim(), index + 1))
            .Where(u => u.Text.Length > 0 && !IsTrivialLine(u.Text))
            .ToList();
    }

    /// <summary>Lines that repeat in any code and carry no logic of their own.</summary>
    static bool IsTrivialLine(string line) => line is "}" or "{" or "});" or "};" or ")" or "]" or "'use strict';" || line.StartsWith("//", StringComparison.Ordinal);
}
