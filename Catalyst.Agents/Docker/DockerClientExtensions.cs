using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Catalyst.Agents.Docker;

/// <summary>The few Docker calls Catalyst makes in more than one place, each tolerant of what is already gone.</summary>
public static class DockerClientExtensions
{
    public static Task RemoveContainerIfPresentAsync(this IDockerClient docker, string idOrName, CancellationToken ct) =>
        IgnoringNotFound(() => docker.Containers.RemoveContainerAsync(idOrName, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct));

    public static Task RemoveNetworkIfPresentAsync(this IDockerClient docker, string idOrName, CancellationToken ct) =>
        IgnoringNotFound(() => docker.Networks.DeleteNetworkAsync(idOrName, ct));

    public static Task RemoveImageIfPresentAsync(this IDockerClient docker, string name, CancellationToken ct) =>
        IgnoringNotFound(() => docker.Images.DeleteImageAsync(name, new ImageDeleteParameters { Force = true }, ct));

    /// <summary>Stops a container, killing it after <paramref name="grace"/>; a missing or stopped one is fine.</summary>
    public static Task StopContainerIfRunningAsync(this IDockerClient docker, string idOrName, TimeSpan grace, CancellationToken ct) =>
        IgnoringNotFound(() => docker.Containers.StopContainerAsync(idOrName, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, ct));

    /// <summary>
    /// The container's output (both streams, in the order written), the last <paramref name="tail"/> lines or all;
    /// empty when the container is gone. The stream is multiplexed (no TTY): each frame says which stream it is.
    /// </summary>
    public static async Task<string> ReadLogsAsync(this IDockerClient docker, string idOrName, int? tail, CancellationToken ct)
    {
        try
        {
            var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = tail?.ToString() ?? "all" };
            using var stream = await docker.Containers.GetContainerLogsAsync(idOrName, tty: false, parameters, ct);
            var text = new StringBuilder();
            var decoder = Encoding.UTF8.GetDecoder();
            var buffer = new byte[16 * 1024];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct);
                if (read.EOF) break;
                text.Append(chars, 0, decoder.GetChars(buffer, 0, read.Count, chars, 0));
            }
            return text.ToString();
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return "";
        }
    }

    /// <summary>
    /// Builds an image from a tar build context and fails with the builder's own message (a missing base image, a
    /// failing RUN step) and the tail of its output: the Engine reports build errors inside a 200 response.
    /// </summary>
    public static async Task BuildImageAsync(this IDockerClient docker, ImageBuildParameters parameters, Stream context, CancellationToken ct)
    {
        var messages = new BuildMessages();
        await docker.Images.BuildImageFromDockerfileAsync(parameters, context, [], new Dictionary<string, string>(), messages, ct);
        if (messages.Error is { } error)
            throw new DockerBuildException($"Building {string.Join(", ", parameters.Tags ?? [])} failed: {error}\n{messages.Tail(20)}");
    }

    /// <summary>Collects build messages synchronously, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    sealed class BuildMessages : IProgress<JSONMessage>
    {
        readonly List<string> lines = [];

        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            lock (lines)
            {
                if (!string.IsNullOrWhiteSpace(value.Stream)) lines.Add(value.Stream.TrimEnd());
                if (value.Error?.Message is { Length: > 0 } message) Error ??= message;
                else if (!string.IsNullOrEmpty(value.ErrorMessage)) Error ??= value.ErrorMessage;
            }
        }

        public string Tail(int count)
        {
            lock (lines) return string.Join('\n', lines.TakeLast(count));
        }
    }

    static async Task IgnoringNotFound(Func<Task> call)
    {
        try { await call(); }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { }
    }
}
