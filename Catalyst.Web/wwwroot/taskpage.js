// The task page's browser side: syntax highlighting (highlight.js) and the architecture diagram (mermaid).
// Both libraries come from npm and are copied to lib/ by the build (Catalyst.Web.csproj); each is loaded once,
// the first time a page needs it.
const loaded = new Map();

function load(tag, attributes, data = {}) {
    const key = attributes.src ?? attributes.href;
    if (!loaded.has(key)) {
        loaded.set(key, new Promise((resolve, reject) => {
            const element = Object.assign(document.createElement(tag), attributes);
            Object.assign(element.dataset, data);
            element.onload = resolve;
            element.onerror = () => { loaded.delete(key); reject(new Error(`${key} did not load`)); };
            document.head.appendChild(element);
        }));
    }
    return loaded.get(key);
}

async function highlighter() {
    await Promise.all([
        load('link', { rel: 'stylesheet', href: '_content/Catalyst.Web/lib/highlight/styles/github.min.css' }, { codeTheme: 'light' }),
        load('link', { rel: 'stylesheet', href: '_content/Catalyst.Web/lib/highlight/styles/github-dark.min.css' }, { codeTheme: 'dark' }),
        load('script', { src: '_content/Catalyst.Web/lib/highlight/highlight.min.js' }),
    ]);
    window.catalystTheme.apply(); // one of the two stylesheets, as dark mode has it (theme.js)
    await load('script', { src: '_content/Catalyst.Web/lib/highlight/languages/dockerfile.min.js' });
    return window.hljs;
}

/** Highlights the code element, or every code block under the element, that is not highlighted yet. */
export async function highlight(element) {
    if (!element) return;
    const hljs = await highlighter();
    const blocks = element.matches('code') ? [element] : [...element.querySelectorAll('pre code')];
    for (const block of blocks.filter(b => !b.dataset.highlighted)) {
        const language = [...block.classList].find(c => c.startsWith('language-'))?.slice(9);
        if (language && !hljs.getLanguage(language)) block.classList.replace(`language-${language}`, 'language-plaintext');
        hljs.highlightElement(block);
    }
}

let diagrams = 0;

/** Draws Mermaid source as SVG inside the element; a source mermaid cannot read leaves the element's text as it is. */
export async function diagram(element, source) {
    if (!element) return;
    await load('script', { src: '_content/Catalyst.Web/lib/mermaid/mermaid.min.js' });
    const mermaid = window.mermaid;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
    const { svg } = await mermaid.render(`catalyst-diagram-${++diagrams}`, source);
    element.innerHTML = svg;
    element.dataset.rendered = 'true';
}
