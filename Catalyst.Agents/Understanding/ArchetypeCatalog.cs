namespace Catalyst.Agents.Understanding;

/// <summary>
/// What the stateful archetypes (timer, poll, quiz, kanban) are: a one-line description for the spec and the
/// plan, the endpoints the generated app has (docs/generated-apps.md), and what a user can do with it.
/// </summary>
public static class ArchetypeCatalog
{
    public static bool Contains(AppKind kind) => kind is AppKind.Timer or AppKind.Poll or AppKind.Quiz or AppKind.Kanban;

    /// <summary>The spec's description of an app of this kind; null for the kinds described elsewhere.</summary>
    public static string? Description(AppKind kind) => kind switch
    {
        AppKind.Timer => "Countdown timers and stopwatches you can start, pause, resume and reset; the time left is kept on the server, so it survives a reload.",
        AppKind.Poll => "Polls with a question and 2 to 10 options: vote, and see the results with counts and percentages.",
        AppKind.Quiz => "Quizzes of multiple-choice questions: take one, submit your answers and get your score; the answers stay hidden until you submit.",
        AppKind.Kanban => "A kanban board with To do, Doing and Done columns: add cards, move them between columns, reorder and delete them.",
        _ => null,
    };

    /// <summary>What the app's page offers, for the plan's web interface feature.</summary>
    public static string? Page(AppKind kind) => kind switch
    {
        AppKind.Timer => "A page to add timers, each with a live ticking display and start, pause, resume, reset and delete buttons",
        AppKind.Poll => "A page to create polls, vote with one click and see each option's count and percentage bar",
        AppKind.Quiz => "A page to write a quiz, take it by picking one choice per question, and see the score with the correct answers",
        AppKind.Kanban => "A page showing the board's columns side by side, with a form to add cards and buttons to move, reorder and delete them",
        _ => null,
    };

    /// <summary>What a user can do, as the plan's acceptance criteria.</summary>
    public static IReadOnlyList<string> Criteria(AppKind kind) => kind switch
    {
        AppKind.Timer =>
        [
            "A user can create a countdown timer with a label and a duration, or a stopwatch with a label",
            "A timer can be started, paused, resumed and reset; an action that does not fit its state is refused with 409",
            "The remaining and elapsed time are computed on the server from the stored start and pause times, so they survive a reload",
            "A countdown whose time has run out shows as finished with no time left",
            "The page shows a live ticking display for every timer",
        ],
        AppKind.Poll =>
        [
            "A user can create a poll with a question and 2 to 10 distinct options; fewer or more options are refused with 400",
            "A user can vote for one option; an unknown option is refused with 400",
            "The results show the votes and the percentage of each option",
        ],
        AppKind.Quiz =>
        [
            "A user can create a quiz of questions, each with 2 to 6 choices and the index of the correct one",
            "Reading a quiz never shows the correct answers",
            "Submitting one answer per question gives the score and, only then, the correct answers",
            "Answers of the wrong number or out of range are refused with 400",
        ],
        AppKind.Kanban =>
        [
            "The board has the columns To do, Doing and Done",
            "A user can add a card with a title and an optional description to a column",
            "A card can be moved to another column or to another position in its column",
            "A card can be deleted; an unknown card is a 404 and an unknown column a 400",
        ],
        _ => [],
    };

    /// <summary>The endpoints of an archetype, after /health.</summary>
    public static IReadOnlyList<ApiEndpoint> Endpoints(AppKind kind) => kind switch
    {
        AppKind.Timer =>
        [
            new("GET", "/api/timers", "List the timers with their state and time", Kind: "timers"),
            new("POST", "/api/timers", "Create a countdown timer or a stopwatch", Kind: "timer-create"),
            new("GET", "/api/timers/{id}", "Get one timer", Kind: "timer"),
            new("DELETE", "/api/timers/{id}", "Delete a timer", Kind: "delete"),
            .. TimerActions.Select(a => new ApiEndpoint("POST", $"/api/timers/{{id}}/{a}", $"{char.ToUpperInvariant(a[0])}{a[1..]} the timer", Kind: "timer-action")),
        ],
        AppKind.Poll =>
        [
            new("GET", "/api/polls", "List the polls with their results", Kind: "polls"),
            new("POST", "/api/polls", "Create a poll", Kind: "poll-create"),
            new("GET", "/api/polls/{id}", "Get one poll with its results", Kind: "poll"),
            new("DELETE", "/api/polls/{id}", "Delete a poll", Kind: "delete"),
            new("POST", "/api/polls/{id}/votes", "Vote for an option", Kind: "vote"),
        ],
        AppKind.Quiz =>
        [
            new("GET", "/api/quizzes", "List the quizzes", Kind: "quizzes"),
            new("POST", "/api/quizzes", "Create a quiz", Kind: "quiz-create"),
            new("GET", "/api/quizzes/{id}", "Get a quiz to take (without its answers)", Kind: "quiz"),
            new("DELETE", "/api/quizzes/{id}", "Delete a quiz", Kind: "delete"),
            new("POST", "/api/quizzes/{id}/submissions", "Submit answers and get the score", Kind: "submission"),
        ],
        AppKind.Kanban =>
        [
            new("GET", "/api/board", "The board: its columns and their cards in order", Kind: "board"),
            new("POST", "/api/cards", "Add a card to a column", Kind: "card-create"),
            new("POST", "/api/cards/{id}/move", "Move a card to a column and position", Kind: "card-move"),
            new("DELETE", "/api/cards/{id}", "Delete a card", Kind: "delete"),
        ],
        _ => [],
    };

    public static readonly string[] TimerActions = ["start", "pause", "resume", "reset"];

    /// <summary>The kanban board's columns: id and name.</summary>
    public static readonly (string Id, string Name)[] KanbanColumns = [("todo", "To do"), ("doing", "Doing"), ("done", "Done")];
}
