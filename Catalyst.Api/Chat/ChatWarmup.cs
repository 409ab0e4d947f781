using Catalyst.Core.Tasks;

namespace Catalyst.Api.Chat;

/// <summary>
/// Reads one message through the intent reader and the project namer when the Api starts, so their one-time
/// loading (the chat vocabulary, the request understanding's lexicon) happens then, not in the first user's turn.
/// Measured in the chat's browser test: the first reply of a fresh Api came after ~1.5 s without it.
/// </summary>
public sealed class ChatWarmup(IntentReader reader, IProjectNamer namer, ILogger<ChatWarmup> logger) : BackgroundService
{
    const string Sample = "build a todo app with login";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            reader.Read(Sample, hasProject: false);
            namer.NameFor(Sample);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Warming the chat up failed; the first message will do it");
        }
    }, stoppingToken);
}
