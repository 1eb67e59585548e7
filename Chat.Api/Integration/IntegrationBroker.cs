using System.Text.Json;
using Chat.Contracts;
using RabbitMQ.Client;

namespace Chat.Api.Integration;

/// <summary>
/// Chat's own connection to the integration exchange. A batch of events is published in one AMQP transaction:
/// the broker answers the commit only once it has taken every message of the batch (persisted where a durable
/// queue holds it), so a batch is either all taken or to be sent again. One channel, published in order, keeps
/// the order of the batch on the wire.
/// </summary>
public sealed class IntegrationBroker(Uri uri, ILogger<IntegrationBroker> log) : IHostedService, IAsyncDisposable
{
    private IConnection? connection;
    private IChannel? channel;

    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken ct)
    {
        var publishing = await ChannelAsync(ct);
        foreach (var e in events)
        {
            var properties = new BasicProperties
            {
                Persistent = true,
                ContentType = "application/json",
                MessageId = e.EventId.ToString(),
                Type = e.Type,
                Timestamp = new AmqpTimestamp(e.OccurredAt.ToUnixTimeSeconds()),
                Headers = new Dictionary<string, object?> { ["workspace-id"] = e.WorkspaceId },
            };
            var body = JsonSerializer.SerializeToUtf8Bytes(e, IntegrationJson.Options);
            await publishing.BasicPublishAsync(IntegrationEventTypes.Exchange, e.Type, mandatory: false, properties, body, ct);
        }
        await publishing.TxCommitAsync(ct);
    }

    /// <summary>Drops the connection after a failure, so that the next attempt starts on a fresh one.</summary>
    public async Task ResetAsync()
    {
        var (oldChannel, oldConnection) = (channel, connection);
        (channel, connection) = (null, null);
        try
        {
            if (oldChannel is not null) await oldChannel.DisposeAsync();
            if (oldConnection is not null) await oldConnection.DisposeAsync();
        }
        catch (Exception e)
        {
            log.LogDebug(e, "Closing a failed broker connection failed too.");
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (channel is { IsOpen: true }) return channel;
        await ResetAsync();
        var factory = new ConnectionFactory { Uri = uri, AutomaticRecoveryEnabled = false, ClientProvidedName = "chat integration events" };
        connection = await factory.CreateConnectionAsync(ct);
        channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.ExchangeDeclareAsync(IntegrationEventTypes.Exchange, ExchangeType.Topic, durable: true, autoDelete: false,
            cancellationToken: ct);
        await channel.TxSelectAsync(ct);
        return channel;
    }

    /// <summary>
    /// Declares the exchange at start, so that consumers can bind their queues before the first event; a broker
    /// that is not there yet is left to the first publish.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await ChannelAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("The integration exchange could not be declared at start ({Error}); the first publish will.", e.Message);
            await ResetAsync();
        }
    }

    public Task StopAsync(CancellationToken ct) => ResetAsync();

    public ValueTask DisposeAsync() => new(ResetAsync());
}
