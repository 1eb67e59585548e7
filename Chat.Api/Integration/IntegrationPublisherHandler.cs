using Chat.Api.Infrastructure;
using Chat.Api.Webhooks;
using Chat.Projections.Integration;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Chat.Api.Integration;

/// <summary>
/// Takes a committed transaction's integration events from the durable local queue and sends each to the
/// RabbitMQ topic exchange (routing key = event type) and to every webhook subscription that wants it.
/// What it sends leaves through the durable outbox, so a broker outage delays events but loses none.
/// </summary>
public static class IntegrationPublisherHandler
{
    public static async Task Handle(IntegrationBatch batch, IMessageContext bus, IDocumentStore store, IOptions<ChatOptions> options,
        CancellationToken ct)
    {
        if (options.Value.RabbitMq.Enabled)
            foreach (var e in batch.Events)
                await bus.BroadcastToTopicAsync(e.Type, e);

        await using var session = store.QuerySession(batch.WorkspaceId);
        var subscriptions = await session.Query<WebhookSubscription>().Where(s => !s.Deleted).ToListAsync(ct);
        foreach (var e in batch.Events)
            foreach (var subscription in subscriptions.Where(s => s.Wants(e.Type)))
                await bus.PublishAsync(new DeliverWebhook(batch.WorkspaceId, subscription.Id, e));
    }
}
