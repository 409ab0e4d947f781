namespace Catalyst.Core.Llm;

/// <summary>Catalyst:Llm: which model each agent uses, what a call costs, and how much a task may spend.</summary>
public sealed class LlmOptions
{
    public const string Section = "Catalyst:Llm";

    /// <summary>A model per agent ("planner", "architect", "coder", "reviewer", "chat"); the connection's model otherwise.</summary>
    public Dictionary<string, string> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Prices per million tokens, by model. A model not listed costs nothing (a local model).</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most a task may spend on model calls; no call is made once its cost reaches it. Unlimited when unset.</summary>
    public decimal? MaxCostPerTask { get; set; }

    /// <summary>How long one attempt may take before it is abandoned (and retried, within <see cref="TotalTimeout"/>).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a call may take in all, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long an answer is kept in the cache (HybridCache) for an identical call; zero turns caching off.</summary>
    public TimeSpan CacheExpiration { get; set; } = TimeSpan.FromHours(24);

    public string ModelFor(string agent, LlmConnection connection) => Models.GetValueOrDefault(agent) ?? connection.Model;

    public decimal CostOf(string model, long promptTokens, long completionTokens) =>
        Prices.TryGetValue(model, out var price)
            ? (promptTokens * price.InputPerMillion + completionTokens * price.OutputPerMillion) / 1_000_000m
            : 0m;
}

public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }
}
