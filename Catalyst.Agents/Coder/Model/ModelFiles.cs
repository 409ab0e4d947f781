using System.ComponentModel;

namespace Catalyst.Agents.Coder.Model;

/// <summary>What the model is asked to answer, as structured output: the files to write, and on a fix those to delete.</summary>
public sealed record ModelFiles(
    [property: Description("One or two sentences: what was written or changed, and why.")] string Summary,
    [property: Description("Each file to create or replace, with its path relative to the repository root and its whole content.")] List<ModelFile> Files,
    [property: Description("Paths of files to delete (only when fixing); usually empty.")] List<string>? Remove = null);

public sealed record ModelFile(
    [property: Description("Relative path with forward slashes, e.g. src/app.js")] string Path,
    [property: Description("The file's complete text.")] string Content);
