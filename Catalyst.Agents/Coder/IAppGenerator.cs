using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder;

/// <summary>
/// Turns an understood request into a complete application for one stack, as an ordered series of commits
/// (structure, models, API, auth, frontend, tests, deployment). Deterministic: the same spec gives the same files.
/// The contract every generated app honours is docs/generated-apps.md.
/// </summary>
public interface IAppGenerator
{
    AppStack Stack { get; }

    IReadOnlyList<CodeCommit> Generate(AppSpec spec);
}
