using System.Globalization;
using System.Net;
using System.Text;

namespace Catalyst.Agents.Explorer;

/// <summary>
/// Draws a <see cref="DependencyGraph"/> as a self-contained SVG: nodes in columns by their depth from the
/// nodes nothing points to, edges as lines from left to right. Plain enough for any browser or viewer.
/// </summary>
public static class GraphSvg
{
    const int ColumnWidth = 260, RowHeight = 34, NodeWidth = 220, NodeHeight = 24, Margin = 20;
    const int MaxNodesPerColumn = 200;

    public static string Render(DependencyGraph graph, string title)
    {
        var depth = Depths(graph);
        var columns = graph.Nodes.GroupBy(n => depth[n.Id]).OrderBy(g => g.Key)
            .Select(g => g.OrderBy(n => n.Kind, StringComparer.Ordinal).ThenBy(n => n.Label, StringComparer.Ordinal).Take(MaxNodesPerColumn).ToList()).ToList();
        var position = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
            for (var r = 0; r < columns[c].Count; r++)
                position[columns[c][r].Id] = (Margin + c * ColumnWidth, Margin + 30 + r * RowHeight);
        var width = Margin * 2 + Math.Max(1, columns.Count) * ColumnWidth;
        var height = Margin * 2 + 30 + Math.Max(1, columns.Count == 0 ? 1 : columns.Max(c => c.Count)) * RowHeight;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{Escape(title)}</title><text x="{Margin}" y="{Margin + 10}" font-size="14" font-weight="bold">{Escape(title)}</text>""").Append('\n');
        foreach (var edge in graph.Edges)
        {
            if (!position.TryGetValue(edge.From, out var from) || !position.TryGetValue(edge.To, out var to)) continue;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{from.X + NodeWidth}" y1="{from.Y + NodeHeight / 2}" x2="{to.X}" y2="{to.Y + NodeHeight / 2}" stroke="#8a94a6" stroke-width="1"/>""").Append('\n');
        }
        foreach (var node in graph.Nodes)
        {
            if (!position.TryGetValue(node.Id, out var at)) continue;
            var label = node.Version is null ? node.Label : $"{node.Label} {node.Version}";
            svg.Append(CultureInfo.InvariantCulture, $"""<g><rect x="{at.X}" y="{at.Y}" width="{NodeWidth}" height="{NodeHeight}" rx="4" fill="{Fill(node.Kind)}" stroke="#44546a"/><text x="{at.X + 6}" y="{at.Y + 16}">{Escape(Shorten(label))}</text></g>""").Append('\n');
        }
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Each node's column: the longest path to it from a node with no incoming edge (cycles cut).</summary>
    static Dictionary<string, int> Depths(DependencyGraph graph)
    {
        var depth = graph.Nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        for (var round = 0; round < Math.Min(graph.Nodes.Count, 8); round++)
            foreach (var edge in graph.Edges)
                if (depth.TryGetValue(edge.From, out var from) && depth.TryGetValue(edge.To, out var to) && to <= from) depth[edge.To] = from + 1;
        return depth;
    }

    static string Fill(string kind) => kind switch
    {
        "repository" => "#dbe8ff",
        "manifest" or "component" => "#e8f5e9",
        "package" => "#fff8e1",
        "image" => "#f3e5f5",
        _ => "#f5f5f5",
    };

    static string Shorten(string text) => text.Length <= 34 ? text : text[..33] + "…";

    static string Escape(string text) => WebUtility.HtmlEncode(text);
}
