using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Chat.Tests.Integration;

/// <summary>
/// A downstream consumer as the README describes it: its own durable queue bound to the chat.events
/// topic exchange, deduplicating on the event id, acknowledging only what it has recorded.
/// </summary>
public sealed class EventConsumer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue;
    private readonly ConcurrentDictionary<Guid, byte> seen = new();
    private readonly SemaphoreSlim arrived = new(0);

    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();
    public ConcurrentQueue<(string RoutingKey, bool Persistent)> Deliveries { get; } = new();
    public int Duplicates;

    private EventConsumer(IConnection connection, IChannel channel, string queue)
    {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    public static async Task<EventConsumer> StartAsync(string uri, string bindingKey = "#")
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = true, TopologyRecoveryEnabled = true };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = $"test.consumer.{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-expires"] = 600_000 });
        // On a fresh broker the consumer may come before any node: declaring the exchange as Chat does is harmless and lets it bind.
        await channel.ExchangeDeclareAsync(IntegrationEventTypes.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueBindAsync(queue, IntegrationEventTypes.Exchange, bindingKey);

        var consumer = new EventConsumer(connection, channel, queue);
        var handler = new AsyncEventingBasicConsumer(channel);
        handler.ReceivedAsync += consumer.OnReceivedAsync;
        await channel.BasicConsumeAsync(queue, autoAck: false, handler);
        return consumer;
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var e = JsonSerializer.Deserialize<IntegrationEvent>(delivery.Body.Span, Json)!;
        Deliveries.Enqueue((delivery.RoutingKey, delivery.BasicProperties.Persistent));
        if (seen.TryAdd(e.EventId, 0)) Events.Enqueue(e);
        else Interlocked.Increment(ref Duplicates);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        arrived.Release();
    }

    public async Task<IReadOnlyList<IntegrationEvent>> WaitForAsync(Func<IReadOnlyList<IntegrationEvent>, bool> enough, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!enough([.. Events]))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrived.WaitAsync(left))
                throw new TimeoutException($"Only {Events.Count} events arrived: {string.Join(", ", Events.Select(e => e.Type))}");
        }
        return [.. Events];
    }

    public async ValueTask DisposeAsync()
    {
        await channel.QueueDeleteAsync(queue);
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
