namespace Catalyst.Api.Requests;

/// <summary>What was wrong with a request, told to the person who sent it: never a .NET type or parameter name.</summary>
public sealed record RequestProblem(string Title, string Detail, string? Field = null)
{
    /// <summary>The problem's "errors" member, keyed by the field as the caller wrote it, like a validation problem's.</summary>
    public Dictionary<string, string[]>? Errors => Field is null ? null : new() { [Field] = [Detail] };
}
