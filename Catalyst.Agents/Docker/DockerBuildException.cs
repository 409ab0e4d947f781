namespace Catalyst.Agents.Docker;

/// <summary>An image build the Engine rejected; the message holds its reason and the last lines of the build.</summary>
public sealed class DockerBuildException(string message) : Exception(message);
