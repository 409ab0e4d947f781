using System.ComponentModel.DataAnnotations;

namespace Catalyst.Agents.Coder;

public sealed class CoderOptions
{
    public const string Section = "Catalyst:Agents:Coder";

    /// <summary>How many times failing tests or a review may send a task back for fixes before it fails.</summary>
    [Range(0, 10)] public int MaxFixRounds { get; set; } = 2;
}
