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
            // MudBlazor's info, error and warning colours are 4.06, 3.68 and 2.2:1 on white, under AA's 4.5:1 for
            // text such as the running banner and a Delete button (found by axe): darker shades of the same hues.
            Info = "#0a6ebd",
            Error = "#c62828",
            Warning = "#a15c00",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            Secondary = "#b0bec5",
            AppbarBackground = "#1a1f3c",
        },
    };
}
