// The UI's dark mode as the layout (MainLayout.razor) sets it: the page's data-theme, and the one of the code
// highlighting's two stylesheets (loaded by taskpage.js, marked data-code-theme) that goes with it.
window.catalystTheme = {
    set(dark) {
        document.documentElement.dataset.theme = dark ? 'dark' : 'light';
        this.apply();
    },
    apply() {
        const dark = document.documentElement.dataset.theme === 'dark';
        for (const link of document.querySelectorAll('link[data-code-theme]'))
            link.disabled = (link.dataset.codeTheme === 'dark') !== dark;
    },
};
