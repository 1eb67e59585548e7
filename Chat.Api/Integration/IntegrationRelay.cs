using Chat.Contracts;
using Chat.Projections.Integration;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Chat.Api.Integration;

/// <summary>
/// Sends the public form of every stored event to RabbitMQ, in the order the events were stored, a page at a
/// time. A Marten subscription in the async daemon: it runs on one node at a time, and stores how far it got
/// only after the broker has taken the page, so a broker outage or a crash of the node sends a page again
/// (consumers deduplicate on the stable event id) and never skips one. The event log is the outbox: nothing is
/// written per event on the way out.
/// </summary>
public sealed class IntegrationRelay : SubscriptionBase
{
    public const string RelayName = "integration_events";
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);
    private readonly IntegrationBroker broker;
    private readonly ILogger<IntegrationRelay> log;

    public IntegrationRelay(IntegrationBroker broker, ILogger<IntegrationRelay> log)
    {
        this.broker = broker;
        this.log = log;
        Name = RelayName;
        Options.BatchSize = 1000;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        var events = page.Events.Select(IntegrationEvents.From).OfType<IntegrationEvent>().ToList();
        if (events.Count > 0) await PublishUntilTakenAsync(events, ct);
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Waits out a broker outage here rather than failing the page: the daemon would pause the subscription and
    /// start it again later, and the time to come back after the broker does would grow with that pause.
    /// </summary>
    private async Task PublishUntilTakenAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken ct)
    {
        var pause = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await broker.PublishAsync(events, ct);
                if (attempt > 1) log.LogInformation("The broker took {Count} integration events after {Attempts} attempts.", events.Count, attempt);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (attempt == 1) log.LogWarning("The broker did not take {Count} integration events ({Error}); trying again until it does.",
                    events.Count, e.Message);
                await broker.ResetAsync();
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, pause.Ticks * 2));
            }
        }
    }
}
