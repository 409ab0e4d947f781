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
            // MudBlazor's info, error, warning and success colours are 4.06, 3.68, 2.2 and 2.23:1 against white, under
            // AA's 4.5:1 for text such as the running banner, a Delete button and a status chip (found by axe):
            // darker shades of the same hues.
            Info = "#0a6ebd",
            Success = "#2e7d32",
            Error = "#c62828",
            Warning = "#a15c00",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            // White on the light indigo is 2.3:1 (the user's bubble, filled buttons) and the default secondary text
            // 4.25:1 on a card (found by axe): dark text on primary, lighter greys for secondary and navigation text.
            PrimaryContrastText = "#1a1f3c",
            TextSecondary = "#b4b4b8",
            DrawerText = "#c8c8cc", // the default navigation text is 4.27:1 on the drawer
            DrawerIcon = "#c8c8cc",
            Secondary = "#b0bec5",
            AppbarBackground = "#1a1f3c",
            SuccessContrastText = "#0b2e1f", // white on the bright green of a status chip is 2.5:1 (found by axe)
        },
    };
}
