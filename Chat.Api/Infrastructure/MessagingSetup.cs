using Wolverine;
using Wolverine.RabbitMQ;

namespace Chat.Api.Infrastructure;

public static class MessagingSetup
{
    /// <summary>
    /// Wolverine runs the service's asynchronous work and, when RabbitMQ is switched on, the transport to
    /// downstream systems. Its envelope storage shares the Marten database (the durable outbox).
    /// </summary>
    public static WolverineOptions AddChatMessaging(this WolverineOptions options, ChatOptions chat, IConfiguration configuration)
    {
        options.UseRuntimeCompilation();
        options.Policies.AutoApplyTransactions();
        options.ServiceName = "chat";

        if (chat.RabbitMq.Enabled)
        {
            var uri = configuration.GetConnectionString("RabbitMq")
                      ?? throw new InvalidOperationException("Chat:RabbitMq:Enabled is on but ConnectionStrings:RabbitMq is not set.");
            options.UseRabbitMq(new Uri(uri)).AutoProvision();
        }
        return options;
    }
}
