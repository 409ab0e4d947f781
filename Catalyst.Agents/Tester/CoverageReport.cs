using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Catalyst.Agents.Tester;

/// <summary>Line coverage as the runners measured it; null when a run produced none.</summary>
public static partial class CoverageReport
{
    /// <summary>Cobertura XML from coverlet: the root's line-rate, 0..1.</summary>
    public static double? FromCobertura(string xml) =>
        double.TryParse((string?)XDocument.Parse(xml).Root?.Attribute("line-rate"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? rate : null;

    /// <summary>Node's --experimental-test-coverage table: the "all files" line percentage, as 0..1.</summary>
    public static double? FromNodeOutput(string output) =>
        AllFiles().Match(output) is { Success: true } m && double.TryParse(m.Groups["line"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? percent / 100 : null;

    [GeneratedRegex(@"all files\s*\|\s*(?<line>[0-9.]+)\s*\|")] private static partial Regex AllFiles();
}
