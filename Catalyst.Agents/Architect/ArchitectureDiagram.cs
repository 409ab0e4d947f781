using System.Net;
using System.Text;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Architect;

/// <summary>
/// The component diagram of a generated app, as Mermaid source and as an SVG drawn here (no renderer is
/// available offline): layers top to bottom, one box per component, arrows between layers.
/// </summary>
public static class ArchitectureDiagram
{
    sealed record Box(string Id, string Label, int Layer);

    public static (string Mermaid, string Svg) Render(AppSpec spec)
    {
        var boxes = Boxes(spec);
        var edges = Edges(boxes, spec);
        return (Mermaid(boxes, edges), Svg(spec, boxes, edges));
    }

    static List<Box> Boxes(AppSpec spec)
    {
        var host = spec.Stack == AppStack.Node ? "Express app (Node.js 20)" : "ASP.NET Core minimal API (.NET 10)";
        var boxes = new List<Box> { new("browser", "Browser", 0), new("ui", "Web UI: index.html, scripts", 1), new("api", host, 2) };
        if (spec.Features.Auth) boxes.Add(new("auth", "Auth: register, login, tokens", 3));
        boxes.AddRange(spec.Entities.Select(e => new Box($"e_{e.Route.Replace('-', '_')}", $"/api/{e.Route}", 3)));
        if (spec.Kind != AppKind.Crud) boxes.Add(new("feature", ApiSurface.Endpoints(spec)[ArchetypeCatalog.Contains(spec.Kind) ? 1 : ^1].Path, 3));
        boxes.Add(new("store", "JSON file store (DATA_DIR)", 4));
        return boxes;
    }

    static List<(Box From, Box To)> Edges(List<Box> boxes, AppSpec spec)
    {
        var byId = boxes.ToDictionary(b => b.Id);
        var edges = new List<(Box, Box)> { (byId["browser"], byId["ui"]), (byId["ui"], byId["api"]) };
        foreach (var module in boxes.Where(b => b.Layer == 3))
        {
            edges.Add((byId["api"], module));
            if (spec.Kind is AppKind.Crud or AppKind.UrlShortener || ArchetypeCatalog.Contains(spec.Kind) || module.Id == "auth") edges.Add((module, byId["store"]));
        }
        return edges;
    }

    static string Mermaid(List<Box> boxes, List<(Box From, Box To)> edges)
    {
        var text = new StringBuilder("flowchart TD\n");
        foreach (var box in boxes) text.Append($"    {box.Id}[\"{box.Label.Replace("\"", "'")}\"]\n");
        foreach (var (from, to) in edges) text.Append($"    {from.Id} --> {to.Id}\n");
        return text.ToString();
    }

    const int BoxWidth = 200, BoxHeight = 44, ColumnGap = 24, RowGap = 56, Margin = 24;

    static string Svg(AppSpec spec, List<Box> boxes, List<(Box From, Box To)> edges)
    {
        var layers = boxes.GroupBy(b => b.Layer).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var widest = layers.Max(l => l.Count);
        var width = Margin * 2 + widest * BoxWidth + (widest - 1) * ColumnGap;
        var height = Margin * 2 + 30 + layers.Count * BoxHeight + (layers.Count - 1) * RowGap;
        var positions = new Dictionary<string, (int X, int Y)>();
        foreach (var (layer, row) in layers.Select((l, i) => (l, i)))
        {
            var rowWidth = layer.Count * BoxWidth + (layer.Count - 1) * ColumnGap;
            var x = (width - rowWidth) / 2;
            foreach (var box in layer)
            {
                positions[box.Id] = (x, Margin + 30 + row * (BoxHeight + RowGap));
                x += BoxWidth + ColumnGap;
            }
        }

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.Append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#475569\"/></marker></defs>\n");
        svg.Append($"  <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        svg.Append($"  <text x=\"{Margin}\" y=\"{Margin + 8}\" font-size=\"16\" font-weight=\"bold\" fill=\"#1e293b\">{Escape(spec.Title)}: components</text>\n");
        foreach (var (from, to) in edges)
        {
            var (x1, y1) = positions[from.Id];
            var (x2, y2) = positions[to.Id];
            svg.Append($"  <line x1=\"{x1 + BoxWidth / 2}\" y1=\"{y1 + BoxHeight}\" x2=\"{x2 + BoxWidth / 2}\" y2=\"{y2}\" stroke=\"#475569\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
        }
        foreach (var box in boxes)
        {
            var (x, y) = positions[box.Id];
            var fill = box.Layer switch { 0 => "#e0f2fe", 1 => "#ede9fe", 2 => "#dcfce7", 3 => "#fef9c3", _ => "#fee2e2" };
            svg.Append($"  <rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"{fill}\" stroke=\"#334155\"/>\n");
            svg.Append($"  <text x=\"{x + BoxWidth / 2}\" y=\"{y + BoxHeight / 2 + 5}\" text-anchor=\"middle\" fill=\"#0f172a\">{Escape(Fit(box.Label))}</text>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    static string Fit(string label) => label.Length <= 28 ? label : label[..27] + "…";

    static string Escape(string text) => WebUtility.HtmlEncode(text);
}
