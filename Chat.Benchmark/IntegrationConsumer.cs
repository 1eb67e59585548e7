using System.Text.Json;
using Chat.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Chat.Benchmark;

/// <summary>
/// What a downstream consumer saw of the integration events over a stretch: deliveries, first copies, duplicates
/// (by event id), order violations (an event whose <c>sequence</c> is below the last one of its conversation, or
/// of its stream for events of no conversation), lag (arrival less the event's stored timestamp, sorted, ms) and
/// the arrival times of the first and last first copy.
/// </summary>
public sealed record IntegrationSeen(int Received, int Unique, int Duplicates, int OrderViolations, int MessagesPosted,
    IReadOnlyList<double> LagMs, DateTimeOffset? FirstArrival, DateTimeOffset? LastArrival);

/// <summary>
/// A real consumer of <c>chat.events</c>, as the README's example: its own queue (exclusive, so it goes with the
/// connection) bound with "#", manual acknowledgements, deduplication on the event id. It records what it saw
/// until <see cref="Take"/> hands that over and starts afresh; the duplicate and order checks span takes.
/// </summary>
public sealed class IntegrationConsumer : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly object gate = new();
    private readonly HashSet<Guid> seen = [];
    private readonly Dictionary<Guid, long> lastSequence = [];
    private List<double> lags = [];
    private int received, unique, duplicates, orderViolations, messagesPosted;
    private DateTimeOffset? firstArrival, lastArrival;

    private IntegrationConsumer(IConnection connection, IChannel channel) => (this.connection, this.channel) = (connection, channel);

    public string Queue { get; private set; } = "";

    /// <summary>The arrival of the latest delivery of any kind: the consumer is idle once this stops moving.</summary>
    public DateTimeOffset LastDelivery { get; private set; } = DateTimeOffset.UtcNow;

    public static async Task<IntegrationConsumer> StartAsync(string uri)
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri), ClientProvidedName = "chat benchmark consumer" };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // The service declares the exchange at start; declaring it the same way here lets the consumer bind first.
        await channel.ExchangeDeclareAsync(IntegrationEventTypes.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, IntegrationEventTypes.Exchange, "#");
        await channel.BasicQosAsync(0, 500, false);
        var consumer = new IntegrationConsumer(connection, channel) { Queue = queue.QueueName };
        var handler = new AsyncEventingBasicConsumer(channel);
        handler.ReceivedAsync += consumer.OnReceivedAsync;
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: false, handler);
        return consumer;
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var arrival = DateTimeOffset.UtcNow;
        var e = JsonSerializer.Deserialize<IntegrationEvent>(delivery.Body.Span, JsonSerializerOptions.Web)!;
        lock (gate)
        {
            LastDelivery = arrival;
            received++;
            if (!seen.Add(e.EventId)) duplicates++;
            else
            {
                unique++;
                lags.Add((arrival - e.OccurredAt).TotalMilliseconds);
                firstArrival ??= arrival;
                lastArrival = arrival;
                if (e.Type == IntegrationEventTypes.MessagePosted) messagesPosted++;
                var key = e.ConversationId ?? e.StreamId;
                if (lastSequence.TryGetValue(key, out var last) && e.Sequence < last) orderViolations++;
                else lastSequence[key] = e.Sequence;
            }
        }
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    }

    /// <summary>Hands over what was seen since the last take and starts a new stretch.</summary>
    public IntegrationSeen Take()
    {
        lock (gate)
        {
            var result = new IntegrationSeen(received, unique, duplicates, orderViolations, messagesPosted, [.. lags.Order()], firstArrival, lastArrival);
            (received, unique, duplicates, orderViolations, messagesPosted, lags, firstArrival, lastArrival) = (0, 0, 0, 0, 0, [], null, null);
            return result;
        }
    }

    /// <summary>Until nothing has arrived for <paramref name="quiet"/>, or <paramref name="limit"/> has passed.</summary>
    public async Task WaitUntilQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow - LastDelivery < quiet && DateTimeOffset.UtcNow < deadline) await Task.Delay(100);
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
