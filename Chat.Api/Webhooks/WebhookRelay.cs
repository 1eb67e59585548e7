using Chat.Contracts;
using Chat.Projections.Integration;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Chat.Api.Webhooks;

/// <summary>
/// Turns every stored event into one delivery per webhook subscription that wants its type. A Wolverine
/// subscription in the async daemon: the deliveries go to the durable webhook queue in the same transaction
/// that stores how far the relay got, so none is lost or made twice. Sending happens in that queue, where a
/// failing receiver's retries are scheduled and never hold up another subscription's deliveries.
/// </summary>
public sealed class WebhookRelay : BatchSubscription
{
    public const string Name = "webhook_deliveries";

    public WebhookRelay() : base(Name) => Options.BatchSize = 500;

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken ct)
    {
        var events = page.Events.Select(IntegrationEvents.From).OfType<IntegrationEvent>().ToList();
        foreach (var workspace in events.GroupBy(e => e.WorkspaceId))
        {
            var subscriptions = await operations.ForTenant(workspace.Key).Query<WebhookSubscription>()
                .Where(s => !s.Deleted).ToListAsync(ct);
            if (subscriptions.Count == 0) continue;
            foreach (var e in workspace)
                foreach (var subscription in subscriptions.Where(s => s.Wants(e.Type)))
                    await bus.PublishAsync(new DeliverWebhook(workspace.Key, subscription.Id, e));
        }
    }
}
