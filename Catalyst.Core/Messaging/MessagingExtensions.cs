using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Messaging.DeadLetters;
using Catalyst.Core.Messaging.InMemory;
using Catalyst.Core.Messaging.Live;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Messaging.RabbitMq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Catalyst.Core.Messaging;

/// <summary>Which side of the bus a host is on.</summary>
public enum MessagingRole
{
    /// <summary>The Api: publishes (outbox), streams live updates; in embedded mode it also runs the agents.</summary>
    Api,
    /// <summary>An agent worker: consumes its agents' queues over RabbitMQ.</summary>
    Worker,
}

public static class MessagingExtensions
{
    public static IHostApplicationBuilder AddCatalystMessaging(this IHostApplicationBuilder builder, MessagingRole role)
    {
        var services = builder.Services;
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<AgentRunner>();
        services.AddSingleton<LiveEventFeed>();
        services.AddSingleton<MissingAgentReporter>();
        services.AddScoped<DeadLetterStore>();

        var mode = builder.Configuration.GetSection(CatalystOptions.Section).GetValue(nameof(CatalystOptions.Mode), CatalystMode.Embedded);
        if (mode == CatalystMode.Embedded)
        {
            if (role == MessagingRole.Worker)
                throw new InvalidOperationException("The agent worker runs in distributed mode only: set Catalyst:Mode=Distributed and ConnectionStrings:messaging.");
            services.AddSingleton<InMemoryEventBus>();
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<InMemoryEventBus>());
            services.AddHostedService<InMemoryConsumerService>();
        }
        else
        {
            if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(MessagingOptions.RabbitMqConnectionName)))
                throw new InvalidOperationException(
                    $"Distributed mode needs RabbitMQ: set ConnectionStrings:{MessagingOptions.RabbitMqConnectionName} to an amqp:// URI.");
            builder.AddRabbitMQClient(MessagingOptions.RabbitMqConnectionName, configureConnectionFactory: factory =>
            {
                factory.AutomaticRecoveryEnabled = true;
                factory.TopologyRecoveryEnabled = true;
                factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(1);
                factory.RequestedHeartbeat = TimeSpan.FromSeconds(15);
                factory.ClientProvidedName = $"{builder.Environment.ApplicationName}:{Environment.ProcessId}";
            });
            services.AddSingleton<RabbitMqConnection>();
            services.AddSingleton<RabbitMqEventBus>();
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<RabbitMqEventBus>());
            services.AddHostedService<RabbitMqConnectionWarmup>();
            if (role == MessagingRole.Worker) services.AddHostedService<RabbitMqConsumerService>();
            else services.AddHostedService<RabbitMqLiveUpdatesService>();
        }

        services.AddHostedService<OutboxDispatcher>();
        if (role == MessagingRole.Api) services.AddHostedService<QueueDepthSampler>();
        return builder;
    }

    /// <summary>Registers an agent; the host's bus runs it (in-process or as a RabbitMQ consumer).</summary>
    public static IServiceCollection AddAgent<TAgent>(this IServiceCollection services) where TAgent : class, IAgent =>
        services.AddSingleton<IAgent, TAgent>();
}
