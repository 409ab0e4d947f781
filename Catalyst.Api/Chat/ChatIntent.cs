namespace Catalyst.Api.Chat;

/// <summary>What a chat message asks for. On the wire in snake_case ("follow_up").</summary>
public enum ChatIntent
{
    /// <summary>Describes an app to build: starts a task on a new project.</summary>
    Build,

    /// <summary>Asks to change the conversation's app: starts a task on the same project.</summary>
    FollowUp,

    /// <summary>Asks to analyse a repository, deployment or database (the Explorer's work).</summary>
    Analyze,

    /// <summary>Asks about the conversation's current task: answered from its state.</summary>
    Question,

    /// <summary>Anything else: greetings, "help", words nobody can read.</summary>
    Help,
}

/// <summary>Which part of a task's state a question is about.</summary>
public enum QuestionTopic { Status, Failure, Location, Tests, Review, Cost }

/// <summary>
/// How a message was read. <see cref="Target"/>: what an analyze request names. <see cref="Understood"/>: for a
/// build, what the request understanding made of it. <see cref="ChangeWithoutProject"/>: the message asks for a
/// change but the conversation has no app to change yet. <see cref="BuildSimilar"/>: an analyze request that also
/// asks to build ("analyze X and build something similar").
/// </summary>
public sealed record IntentReading(
    ChatIntent Intent, QuestionTopic Topic = QuestionTopic.Status, string? Target = null, string? Understood = null, bool ChangeWithoutProject = false,
    bool BuildSimilar = false);
