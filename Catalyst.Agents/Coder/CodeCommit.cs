using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder;

/// <summary>One conventional commit of generated files ("feat(api): add expense endpoints").</summary>
public sealed record CodeCommit(string Message, IReadOnlyList<GeneratedFile> Files);
