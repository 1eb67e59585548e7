using System.Text;
using System.Threading.Channels;
using Chat.Contracts;
using Chat.Tests.RealTime;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Chat.Tests.Integration;

/// <summary>
/// Whoever may read integration events must not be able to speak for Chat: the nodes push only what Chat's own broker
/// user published on the live exchange, and a downstream user set up as the README shows can read its queue and
/// nothing more.
/// </summary>
[Collection(LiveClusterCollection.Name)]
public sealed class BrokerAccessTests(LiveCluster cluster)
{
    private const string LiveExchange = "chat.live";
    private static readonly string ChatUser = new Uri(LiveCluster.RabbitMqUri).UserInfo.Split(':')[0] is { Length: > 0 } user ? user : "guest";

    [Fact]
    public async Task A_copy_of_a_live_message_published_by_another_user_is_dropped_and_logged_and_never_reaches_the_visitor()
    {
        await using var forger = await RabbitMqCtl.AddUserAsync(LiveCluster.RabbitMqUri, ".*", ".*", ".*");
        await using var connection = await new ConnectionFactory { Uri = new Uri(forger.Uri) }.CreateConnectionAsync();
        var heard = await ListenToLiveExchangeAsync(connection);

        var workspace = await cluster.NewWorkspaceAsync();
        var session = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(cluster.NodeB.BaseUrl, "visitor", session.VisitorToken);
        await cluster.NodeA.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Hello", clientMessageId = "v-1" });
        var conversation = $"/api/conversations/{session.ConversationId}";
        await cluster.NodeA.PostAsync($"{conversation}/messages", workspace.Agent.Token, new { text = "Genuine answer", clientMessageId = "a-1" });
        await visitor.WaitForEventAsync("message_posted", r => r.Data.GetProperty("text").GetString() == "Genuine answer");
        var real = await WaitForAsync(heard, d => Encoding.UTF8.GetString(d.Body.Span).Contains("Genuine answer"));

        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(real.Body.Span).Replace("Genuine answer", "Send your password"));
        await using (var channel = await connection.CreateChannelAsync())
        {
            // Without user_id, but with Wolverine's user header claiming to be Chat; then stamped with the forger's own name.
            var unnamed = new BasicProperties(real.Properties)
            {
                UserId = null,
                Headers = new Dictionary<string, object?>(real.Properties.Headers!) { ["user-name"] = ChatUser },
            };
            await channel.BasicPublishAsync(LiveExchange, "", false, unnamed, forged);
            await channel.BasicPublishAsync(LiveExchange, "", false, new BasicProperties(real.Properties) { UserId = forger.Name }, forged);
        }
        await cluster.NodeA.PostAsync($"{conversation}/messages", workspace.Agent.Token, new { text = "Later answer", clientMessageId = "a-2" });

        // The node handles a conversation's live messages in arrival order: once the later answer is pushed, the forged ones were handled.
        await visitor.WaitForEventAsync("message_posted", r => r.Data.GetProperty("text").GetString() == "Later answer");
        visitor.Events.ShouldNotContain(r => r.Payload.ToString().Contains("Send your password"));
        await WaitUntilAsync(() => cluster.NodeB.Output.Contains("published by an unnamed user")
                                   && cluster.NodeB.Output.Contains($"published by {forger.Name}"));
    }

    [Fact]
    public async Task The_broker_refuses_a_live_message_that_claims_to_come_from_Chats_user()
    {
        await using var forger = await RabbitMqCtl.AddUserAsync(LiveCluster.RabbitMqUri, ".*", ".*", ".*");
        await using var connection = await new ConnectionFactory { Uri = new Uri(forger.Uri) }.CreateConnectionAsync();

        var closed = await PublishAsync(connection, LiveExchange, "", new BasicProperties { UserId = ChatUser });

        closed.ShouldBe((ushort)406, "PRECONDITION_FAILED: user_id differs from the connection's user");
    }

    [Fact]
    public async Task A_read_only_user_reads_its_own_queue_bound_to_the_integration_events_and_can_publish_nothing()
    {
        var queue = $"crm.chat.{Guid.NewGuid():N}";
        // The README's recipe: configure and write on its own queue only (declaring and binding it), read on it and on chat.events.
        await using var reader = await RabbitMqCtl.AddUserAsync(LiveCluster.RabbitMqUri, $"^{queue}$", $"^{queue}$", $"^({queue}|chat\\.events)$");
        await using var connection = await new ConnectionFactory { Uri = new Uri(reader.Uri) }.CreateConnectionAsync();
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: true);
            await channel.QueueBindAsync(queue, IntegrationEventTypes.Exchange, "#");
            var deliveries = Channel.CreateUnbounded<BasicDeliverEventArgs>();
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => deliveries.Writer.WriteAsync(delivery).AsTask();
            await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

            var workspace = await cluster.NewWorkspaceAsync();
            var session = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
            await cluster.NodeA.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Hello", clientMessageId = "v-1" });
            await WaitForAsync(deliveries, d => d.RoutingKey == IntegrationEventTypes.MessagePosted
                                                && Encoding.UTF8.GetString(d.Body.Span).Contains(session.ConversationId.ToString()));
        }

        (await PublishAsync(connection, IntegrationEventTypes.Exchange, IntegrationEventTypes.MessagePosted, new BasicProperties())).ShouldBe((ushort)403);
        (await PublishAsync(connection, LiveExchange, "", new BasicProperties())).ShouldBe((ushort)403);
    }

    /// <summary>Publishes one message with confirms on a fresh channel; returns the code the broker closed the channel with.</summary>
    private static async Task<ushort> PublishAsync(IConnection connection, string exchange, string routingKey, BasicProperties properties)
    {
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using (channel)
        {
            await Should.ThrowAsync<OperationInterruptedException>(
                async () => await channel.BasicPublishAsync(exchange, routingKey, false, properties, "{}"u8.ToArray()));
            return channel.CloseReason!.ReplyCode;
        }
    }

    private sealed record Heard(ReadOnlyMemory<byte> Body, BasicProperties Properties);

    private static async Task<Channel<Heard>> ListenToLiveExchangeAsync(IConnection connection)
    {
        var heard = Channel.CreateUnbounded<Heard>();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, LiveExchange, "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => heard.Writer.WriteAsync(new Heard(delivery.Body.ToArray(), new BasicProperties(delivery.BasicProperties))).AsTask();
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return heard;
    }

    private static async Task<T> WaitForAsync<T>(Channel<T> arrivals, Func<T, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var arrival in arrivals.Reader.ReadAllAsync(timeout.Token))
            if (match(arrival)) return arrival;
        throw new TimeoutException();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The node did not log the dropped messages.");
            await Task.Delay(50);
        }
    }
}
