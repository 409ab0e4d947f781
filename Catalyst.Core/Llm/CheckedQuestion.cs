using Microsoft.Extensions.AI;

namespace Catalyst.Core.Llm;

/// <summary>
/// What asking a model for a checked answer came to: the value, or the model's last errors after every attempt
/// (<see cref="Problems"/>), or the exception that stopped it (<see cref="Error"/>: no answer, the budget spent).
/// </summary>
public sealed record CheckedAnswer<T>(T? Value, string? Problems, Exception? Error) where T : class;

/// <summary>
/// Asks a model for an answer the caller checks, and sends an invalid answer back with its errors until the
/// attempts are spent. A refusal counts as an invalid answer. The conversation grows in <c>messages</c>.
/// </summary>
public static class CheckedQuestion
{
    public static async Task<CheckedAnswer<T>> AskAsync<T>(
        IChatClient client, List<ChatMessage> messages, ChatOptions options, int attempts,
        Func<string, (T? Value, string Errors)> check,
        Action<string, bool> rejected,
        Func<string, string> askAgain,
        CancellationToken ct) where T : class
    {
        var problems = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(messages, options, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                return new(null, null, e);
            }
            var answer = response.Text;
            var (value, errors) = JsonAnswer.Refusal(response) is { } refusal ? (null, refusal) : check(answer);
            if (value is not null) return new(value, null, null);
            problems = errors;
            rejected(errors, attempt < attempts);
            messages.Add(new ChatMessage(ChatRole.Assistant, answer.Length > 0 ? answer : errors));
            messages.Add(new ChatMessage(ChatRole.User, askAgain(errors)));
        }
        return new(null, problems, null);
    }
}
