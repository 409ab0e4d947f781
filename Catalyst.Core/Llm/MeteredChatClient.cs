using System.Diagnostics;
using System.Runtime.CompilerServices;
using Catalyst.Core.Persistence.Entities;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Catalyst.Core.Llm;

/// <summary>
/// Checks the task's budget before a call and writes every call to the ledger after it: tokens as the server
/// reported them, cost, latency and outcome, failed calls included.
/// </summary>
sealed class MeteredChatClient(IChatClient inner, LlmCallSite site, string model, LlmCallLedger ledger, IOptionsMonitor<LlmOptions> options)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        await EnsureBudgetAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, chatOptions, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(e, started);
            throw;
        }
        await RecordAsync(response, started, cancellationToken);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureBudgetAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        List<ChatResponseUpdate> updates = [];
        await using var stream = base.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync()) break;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                await RecordFailureAsync(e, started);
                throw;
            }
            updates.Add(stream.Current);
            yield return stream.Current;
        }
        var streamed = updates.ToChatResponse();
        if (updates.Any(u => u.AdditionalProperties?.ContainsKey(HybridCachingChatClient.CacheHitProperty) == true))
            (streamed.AdditionalProperties ??= [])[HybridCachingChatClient.CacheHitProperty] = true;
        await RecordAsync(streamed, started, cancellationToken);
    }

    async Task EnsureBudgetAsync(CancellationToken ct)
    {
        var (spent, allowed) = await ledger.BudgetAsync(site.TaskId, ct);
        if (!allowed) throw new LlmBudgetExceededException(spent, options.CurrentValue.MaxCostPerTask!.Value);
    }

    // A cached answer used no tokens now: it is recorded as a hit, with none and at no cost.
    Task RecordAsync(ChatResponse response, long started, CancellationToken ct) => HybridCachingChatClient.IsCacheHit(response)
        ? RecordAsync(response.ModelId ?? model, 0, 0, Stopwatch.GetElapsedTime(started), LlmOutcomes.Ok, null, ct, cacheHit: true)
        : RecordAsync(response.ModelId ?? model, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0,
            Stopwatch.GetElapsedTime(started), LlmOutcomes.Ok, null, ct);

    // The call failed: recorded whatever the caller's token says, since the attempt happened.
    Task RecordFailureAsync(Exception e, long started) =>
        RecordAsync(model, 0, 0, Stopwatch.GetElapsedTime(started),
            e is TimeoutRejectedException or TimeoutException or TaskCanceledException ? LlmOutcomes.Timeout : LlmOutcomes.Error,
            e.Message, CancellationToken.None);

    async Task RecordAsync(string calledModel, long promptTokens, long completionTokens, TimeSpan latency, string outcome, string? error, CancellationToken ct,
        bool cacheHit = false)
    {
        var spent = await ledger.RecordAsync(site, calledModel, promptTokens, completionTokens, latency, outcome, error, ct, cacheHit);
        site.OnSpent?.Invoke(spent);
    }
}
