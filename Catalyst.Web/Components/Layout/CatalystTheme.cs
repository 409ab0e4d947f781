using MudBlazor;

namespace Catalyst.Web.Components.Layout;

/// <summary>The palette: MudBlazor's defaults with Catalyst's indigo, and text contrast kept at WCAG AA in both modes.</summary>
public static class CatalystTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Secondary = "#5c6b7a",
            AppbarBackground = "#283593",
            // MudBlazor's info blue (#0c80df) is 4.06:1 on white, under AA's 4.5:1 for the running banner's text (axe).
            Info = "#0a6ebd",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            Secondary = "#b0bec5",
            AppbarBackground = "#1a1f3c",
        },
    };
}
