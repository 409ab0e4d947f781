using Catalyst.Core.Messaging;
using Catalyst.Core.Persistence;

namespace Catalyst.Agents.Hosting;

public static class Extensions
{
    /// <summary>
    /// The distributed-mode worker: the shared database and the RabbitMQ consumers for every registered agent
    /// (register them with <see cref="AgentRegistration.AddCatalystAgents"/>, or stand-ins in tests).
    /// Any number of workers can run at once; they compete for each agent queue's messages.
    /// </summary>
    public static IHostApplicationBuilder AddAgentWorker(this IHostApplicationBuilder builder)
    {
        builder.AddCatalystPersistence();
        builder.AddCatalystMessaging(MessagingRole.Worker);
        return builder;
    }
}
