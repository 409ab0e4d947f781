namespace Catalyst.Tests.Worker.Scripted;

/// <summary>How the scripted agents misbehave on purpose, so tests can provoke crashes, slowness and failures.</summary>
public sealed class ScriptOptions
{
    public const string Section = "PipelineTest";

    /// <summary>Pause in every agent step, to make mid-pipeline events (kills, broker restarts) land mid-task.</summary>
    public TimeSpan HopDelay { get; set; }

    /// <summary>The first step of this agent in a run pauses for <see cref="SlowDelay"/> after announcing it started (marker file).</summary>
    public string? SlowAgent { get; set; }
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Folder where agents drop "{agent}-{task}-{pid}.started" when a step starts.</summary>
    public string? MarkerDirectory { get; set; }

    /// <summary>This agent throws while <see cref="FailWhileFileExists"/> exists (delete it to "fix" the agent).</summary>
    public string? FailingAgent { get; set; }
    public string? FailWhileFileExists { get; set; }
}
