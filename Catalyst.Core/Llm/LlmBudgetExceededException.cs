namespace Catalyst.Core.Llm;

/// <summary>The task has spent its budget (Catalyst:Llm:MaxCostPerTask); no further model call is made for it.</summary>
public sealed class LlmBudgetExceededException(decimal spent, decimal cap)
    : InvalidOperationException($"The task has spent {spent:0.######} of its {cap:0.######} model budget (Catalyst:Llm:MaxCostPerTask); no more model calls are made for it.")
{
    public decimal Spent { get; } = spent;
    public decimal Cap { get; } = cap;
}
