namespace Catalyst.Api.Apis;

/// <summary>
/// A new task. It starts a new project unless it names an existing one: <see cref="ProjectId"/>, or the
/// exact name of an existing project as <see cref="ProjectName"/> (a new name names the new project).
/// <see cref="ApprovePlan"/> stops it at awaiting_approval until the user approves the understood spec.
/// </summary>
public sealed record CreateTaskRequest(string? Prompt, string? ProjectName, Guid? ProjectId = null, bool? ApprovePlan = null)
{
    public const int MaxPromptLength = 20_000;
    public const int MaxProjectNameLength = 100;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Prompt))
            errors["prompt"] = ["The prompt is required: describe the application you want built."];
        else if (Prompt.Length > MaxPromptLength)
            errors["prompt"] = [$"The prompt is {Prompt.Length:N0} characters long; the limit is {MaxPromptLength:N0}."];

        if (ProjectName is not null)
        {
            if (ProjectName.Length > MaxProjectNameLength)
                errors["project_name"] = [$"The project name is longer than {MaxProjectNameLength} characters."];
            else if (Core.Projects.ProjectSlug.From(ProjectName) is null)
                errors["project_name"] = ["The project name must contain at least one letter or digit."];
        }
        if (ProjectId is not null && ProjectName is not null)
            errors["project_id"] = ["Give either project_id or project_name, not both."];
        return errors;
    }
}

public sealed record TaskListQuery(int Page, int PageSize)
{
    public const int MaxPageSize = 200;
    public const int MaxPage = 1_000_000;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Page is < 1 or > MaxPage) errors["page"] = [$"page must be between 1 and {MaxPage:N0}."];
        if (PageSize is < 1 or > MaxPageSize) errors["page_size"] = [$"page_size must be between 1 and {MaxPageSize}."];
        return errors;
    }
}
