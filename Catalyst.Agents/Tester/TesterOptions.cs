namespace Catalyst.Agents.Tester;

public sealed class TesterOptions
{
    public const string Section = "Catalyst:Agents:Tester";

    public TimeSpan RestoreTimeout { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The generated tests; a hanging test is killed here and reported as timed out.</summary>
    public TimeSpan TestTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
