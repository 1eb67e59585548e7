using System.Diagnostics.Metrics;
using Chat.Domain.Threads;
using Marten;

namespace Chat.Api.Operations;

/// <summary>
/// Chat's own instruments, beside what ASP.NET Core, SignalR, Wolverine, Marten and Npgsql already measure. Tags stay
/// few and bounded (a kind, an outcome, a hub), never a workspace or an id, so a scrape stays small however many
/// workspaces there are.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Chat";
    private readonly Counter<long> pushes;
    private readonly Counter<long> webhookDeliveries;
    private readonly UpDownCounter<long> connections;
    private long queueLength;

    public ChatMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        pushes = meter.CreateCounter<long>("chat.hub.pushes", "{push}", "Pushes sent to hub groups, by kind.");
        webhookDeliveries = meter.CreateCounter<long>("chat.webhook.deliveries", "{attempt}", "Webhook delivery attempts, by outcome.");
        connections = meter.CreateUpDownCounter<long>("chat.hub.connections", "{connection}", "Open hub connections on this node, by hub.");
        meter.CreateObservableGauge("chat.queue.length", () => Interlocked.Read(ref queueLength), "{thread}",
            "Threads waiting for an agent, over all workspaces, as last sampled.");
    }

    public void Pushed(string kind, int count = 1) => pushes.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void WebhookAttempted(string outcome) => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Connected(string hub) => connections.Add(1, new KeyValuePair<string, object?>("hub", hub));

    public void Disconnected(string hub) => connections.Add(-1, new KeyValuePair<string, object?>("hub", hub));

    public void QueueSampled(long waiting) => Interlocked.Exchange(ref queueLength, waiting);
}

/// <summary>
/// Counters Marten keeps from what each transaction committed: every message and every routing decision is an event,
/// whichever node, handler or saga wrote it, so counting committed events counts each exactly once.
/// </summary>
public static class EventCounters
{
    public static StoreOptions CountChatEvents(this StoreOptions options)
    {
        options.OpenTelemetry.ExportCounterOnChangeSets<long>("chat.messages.posted", "{message}", (counter, changes) =>
        {
            foreach (var e in changes.GetEvents())
                if (e.Data is MessagePosted posted)
                    counter.Add(1, new KeyValuePair<string, object?>("author", posted.AuthorKind.ToString().ToLowerInvariant()));
        });
        options.OpenTelemetry.ExportCounterOnChangeSets<long>("chat.routing.decisions", "{decision}", (counter, changes) =>
        {
            foreach (var e in changes.GetEvents())
                if (RoutingOutcome(e.Data) is { } outcome) counter.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        });
        return options;
    }

    private static string? RoutingOutcome(object data) => data switch
    {
        ThreadRouted => "assigned",
        ThreadMissed => "missed",
        AssignmentExpired => "released",
        _ => null,
    };
}
