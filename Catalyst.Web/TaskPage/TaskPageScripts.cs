using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Catalyst.Web.TaskPage;

/// <summary>
/// The task page's script module (wwwroot/taskpage.js): highlighting with highlight.js and diagrams with mermaid,
/// both from npm (see Catalyst.Web.csproj). Imported once per circuit, the first time a component asks.
/// </summary>
public sealed class TaskPageScripts(IJSRuntime js) : IAsyncDisposable
{
    Task<IJSObjectReference>? module;

    Task<IJSObjectReference> Module => module ??= js.InvokeAsync<IJSObjectReference>("import", "./_content/Catalyst.Web/taskpage.js").AsTask();

    public async Task HighlightAsync(ElementReference element) => await (await Module).InvokeVoidAsync("highlight", element);

    public async Task DiagramAsync(ElementReference element, string mermaidSource) => await (await Module).InvokeVoidAsync("diagram", element, mermaidSource);

    public async ValueTask DisposeAsync()
    {
        if (module is not { IsCompletedSuccessfully: true }) return;
        try { await (await module).DisposeAsync(); }
        catch (JSDisconnectedException) { } // the tab is gone: so is the module
    }
}
