using Chat.Api.Identity;
using Chat.Api.RealTime;
using Chat.Projections.Agents;
using Chat.Api.Routing;
using Chat.Api.Webhooks;
using Chat.Projections.Live;
using Chat.Projections.Routing;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.RabbitMQ;
using Wolverine.RabbitMQ.Internal;

namespace Chat.Api.Infrastructure;

public static class MessagingSetup
{
    /// <summary>The fanout exchange through which every node learns what to push to its own connections.</summary>
    public const string LiveExchange = "chat.live";
    private const string LocalLiveQueue = "live";
    private const string RoutingQueue = "routing";
    private const string WebhookQueue = "webhooks";

    /// <summary>
    /// Wolverine runs the service's asynchronous work and carries live pushes between nodes. With RabbitMQ
    /// switched on, each node listens on its own exclusive queue bound to the live fanout exchange, so
    /// every node hears every change; without it, a single node routes them to a local queue. Either way
    /// a node handles one conversation's changes one at a time, in the order they arrive.
    /// </summary>
    public static WolverineOptions AddChatMessaging(this WolverineOptions options, ChatOptions chat, IConfiguration configuration)
    {
        options.UseRuntimeCompilation();
        options.Policies.AutoApplyTransactions();
        options.RetryTransientFaults();
        options.Policies.Add<Chat.Api.Conversations.ConversationCommandPolicy>();
        options.ServiceName = "chat";
        // Enums travel by name, as they do over HTTP and SignalR: pushed payloads keep their shape across nodes.
        options.UseSystemTextJsonForSerialization(json => json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        string? liveSender = null;
        if (chat.RabbitMq.Enabled)
        {
            var uri = BrokerUri(chat, configuration)!;
            var chatUser = liveSender = BrokerUser(uri);
            var nodeQueue = $"{LiveExchange}.node.{Guid.NewGuid():N}";
            options.UseRabbitMq(uri).AutoProvision()
                .DeclareExchange(LiveExchange, exchange =>
                {
                    exchange.ExchangeType = ExchangeType.Fanout;
                    exchange.BindQueue(nodeQueue, "");
                });
            // Durable, so it survives a broker restart with its binding while its node reconnects. A queue left
            // by a node that is gone expires after a minute without a consumer, and a push nobody took within a
            // minute is dropped: clients catch up by version anyway.
            options.ListenToRabbitQueue(nodeQueue, queue =>
                {
                    queue.Arguments["x-expires"] = 60_000;
                    queue.Arguments["x-message-ttl"] = 60_000;
                })
                .UseInterop((_, mapper) => StampWithBrokerUser(mapper, chatUser))
                .BufferedInMemory()
                .PartitionProcessingByGroupId(PartitionSlots.Five);
            // Pushes are handed to an in-memory sender, so a committing request never waits on the broker:
            // a push lost with its node is recovered by the clients' catch-up by version.
            foreach (var live in LiveMessages)
                options.PublishMessage(live).ToRabbitExchange(LiveExchange)
                    .UseInterop((_, mapper) => StampWithBrokerUser(mapper, chatUser))
                    .BufferedInMemory();
        }
        else
        {
            options.LocalQueue(LocalLiveQueue).PartitionProcessingByGroupId(PartitionSlots.Five);
            foreach (var live in LiveMessages) options.PublishMessage(live).ToLocalQueue(LocalLiveQueue);
        }
        options.Services.AddSingleton(provider => new LiveOrigin(liveSender, provider.GetRequiredService<ILogger<LiveOrigin>>()));
        options.Policies.AddMiddleware(typeof(LiveOriginCheck), chain => LiveMessages.Contains(chain.MessageType));

        PartitionByConversation(options);

        // Routing runs where the change happened, from a durable queue: a node that dies leaves its
        // pending routing work to the others, and scheduled deadlines survive restarts. Runs of one workspace on
        // two nodes may overlap; the router saga's version lets only one of them commit (WorkspaceRouter).
        options.LocalQueue(RoutingQueue).Sequential().UseDurableInbox();
        options.PublishMessage<RouteWorkspace>().ToLocalQueue(RoutingQueue);
        options.PublishMessage<AnswerDeadline>().ToLocalQueue(RoutingQueue);
        options.PublishMessage<MaxWaitDeadline>().ToLocalQueue(RoutingQueue);
        options.PublishMessage<Conversations.Triage.WakeSnoozedThread>().ToLocalQueue(RoutingQueue);

        // Integration events leave through the event log's subscriptions (IntegrationRelay, WebhookRelay). A failed
        // delivery is scheduled to run again later rather than waited for, so a dead receiver holds no slot of the queue.
        options.LocalQueue(WebhookQueue).MaximumParallelMessages(chat.Webhooks.Parallelism).UseDurableInbox();
        options.PublishMessage<DeliverWebhook>().ToLocalQueue(WebhookQueue);
        options.Policies.OnException<WebhookDeliveryFailed>().ScheduleRetry([.. chat.Webhooks.RetryDelays]).Then.MoveToErrorQueue();
        return options;
    }

    private static readonly Type[] LiveMessages =
        [typeof(ConversationChanged), typeof(AgentPresenceChanged), typeof(TypingSignal), typeof(QueueChanged), typeof(AccessRevoked)];

    /// <summary>The broker's address when RabbitMQ is switched on; null when it is off.</summary>
    public static Uri? BrokerUri(ChatOptions chat, IConfiguration configuration) => chat.RabbitMq.Enabled
        ? new Uri(configuration.GetConnectionString("RabbitMq")
                  ?? throw new InvalidOperationException("Chat:RabbitMq:Enabled is on but ConnectionStrings:RabbitMq is not set."))
        : null;

    /// <summary>The user Chat logs in to RabbitMQ as: the URI's, or the client's default.</summary>
    private static string BrokerUser(Uri uri)
    {
        var user = uri.UserInfo.Split(':')[0];
        return user.Length == 0 ? "guest" : Uri.UnescapeDataString(user);
    }

    /// <summary>
    /// Live messages carry RabbitMQ's user_id, which the broker validates against the publishing connection's
    /// user; the listener reads it back into the envelope's user name for <see cref="LiveOrigin"/>, never from
    /// a header a publisher could write.
    /// </summary>
    private static void StampWithBrokerUser(RabbitMqEnvelopeMapper mapper, string chatUser) =>
        mapper.MapProperty(envelope => envelope.UserName!,
            (envelope, incoming) => envelope.UserName = incoming.UserId,
            (_, outgoing) => outgoing.UserId = chatUser);

    /// <summary>
    /// Live pushes are handled several at a time, but never two of one conversation
    /// (or of one agent, or one workspace's queue) at once, so each one's facts keep their order.
    /// </summary>
    private static void PartitionByConversation(WolverineOptions options)
    {
        options.MessagePartitioning.ByMessage<ConversationChanged>(m => m.ConversationId.ToString());
        options.MessagePartitioning.ByMessage<TypingSignal>(m => m.ConversationId.ToString());
        options.MessagePartitioning.ByMessage<AgentPresenceChanged>(m => m.AgentId.ToString());
        options.MessagePartitioning.ByMessage<QueueChanged>(m => m.WorkspaceId);
        options.MessagePartitioning.ByMessage<AccessRevoked>(m => m.AgentId.ToString());
    }
}
