using Catalyst.Core.Persistence;

namespace Catalyst.Agents.Hosting;

public static class Extensions
{
    /// <summary>The distributed-mode worker: shares the database with the Api; the agents' consumers join it as they are built.</summary>
    public static IHostApplicationBuilder AddAgentWorker(this IHostApplicationBuilder builder)
    {
        builder.AddCatalystPersistence();
        return builder;
    }
}
