using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Chat.Api.Identity;
using Chat.Contracts;
using Chat.Projections.Integration;
using Chat.Tests.RealTime;

namespace Chat.Tests.Integration;

public sealed partial class RabbitMqEventsTests
{
    private const int Conversations = 10;
    private const int PostsPerSecond = 25;
    private const int Outages = 3;
    private const int PostsWhileDown = 100;

    /// <summary>
    /// The drill that once lost an event: a steady stream of posts through both nodes while the broker's application
    /// stops and starts again, several times. Afterwards a real consumer's ledger holds every integration event the
    /// store holds for the workspace, none missing.
    /// </summary>
    [Fact]
    public async Task Stopping_the_broker_under_a_steady_stream_of_posts_loses_no_integration_event()
    {
        await using var consumer = await EventConsumer.StartAsync(LiveCluster.RabbitMqUri);
        var workspace = await cluster.NewWorkspaceAsync();
        var visitors = new List<WidgetSession>();
        for (var i = 0; i < Conversations; i++) visitors.Add(await cluster.NodeA.NewVisitorAsync(workspace.Workspace));

        using var stop = new CancellationTokenSource();
        var posted = new StrongBox<int>();
        var failures = new ConcurrentQueue<Exception>();
        var load = PostSteadilyAsync(visitors, posted, failures, stop.Token);
        try
        {
            for (var outage = 0; outage < Outages; outage++)
            {
                var before = consumer.Events.Count;
                await consumer.WaitForAsync(all => all.Count >= before + 50, seconds: 120);
                await RabbitMqCtlAsync("stop_app");
                try
                {
                    var down = posted.Value;
                    await WaitUntilAsync(() => posted.Value >= down + PostsWhileDown || !failures.IsEmpty, seconds: 60);
                }
                finally
                {
                    await RabbitMqCtlAsync("start_app");
                    await RabbitMqCtlAsync("await_startup");
                }
            }
            var last = consumer.Events.Count;
            await consumer.WaitForAsync(all => all.Count >= last + 50, seconds: 120);
        }
        finally
        {
            await stop.CancelAsync();
            await load;
        }
        failures.ShouldBeEmpty();

        var expected = (await cluster.StoredEventsAsync(workspace.Workspace.Id)).Select(IntegrationEvents.From).OfType<IntegrationEvent>().ToList();
        var ids = expected.Select(e => e.EventId).ToHashSet();
        try
        {
            await consumer.WaitForAsync(all => ids.IsSubsetOf(all.Select(e => e.EventId)), seconds: 180);
        }
        catch (TimeoutException)
        {
            var arrived = consumer.Events.Select(e => e.EventId).ToHashSet();
            var missing = expected.Where(e => !arrived.Contains(e.EventId)).Select(e => $"{e.Type} {e.StreamId} v{e.StreamVersion} at {e.OccurredAt:O}");
            Assert.Fail($"{ids.Count - arrived.Count(ids.Contains)} of {ids.Count} stored integration events never arrived:\n{string.Join("\n", missing)}");
        }

        (await cluster.DeadLettersAsync("%.Integration%")).ShouldBe(0, "an outage is waited out, never dead-lettered");
        IntegrationLedger.ShouldHoldEachConversationInCommitOrder(expected, [.. consumer.Events]);
        output.WriteLine($"{posted.Value} posts, {expected.Count} integration events stored, all arrived ({consumer.Duplicates} duplicates)");
    }

    /// <summary>Posts at a fixed pace, the conversations in turn, alternately through each node.</summary>
    private async Task PostSteadilyAsync(IReadOnlyList<WidgetSession> visitors, StrongBox<int> posted, ConcurrentQueue<Exception> failures,
        CancellationToken stop)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / PostsPerSecond));
        var inFlight = new List<Task>();
        for (var i = 0; await pace.WaitForNextTickAsync(CancellationToken.None) && !stop.IsCancellationRequested; i++)
        {
            var node = i % 2 == 0 ? cluster.NodeA : cluster.NodeB;
            var visitor = visitors[i % visitors.Count];
            var n = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await node.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text = $"steady {n}", clientMessageId = $"s-{n}" });
                    Interlocked.Increment(ref posted.Value);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }
            }, CancellationToken.None));
        }
        await Task.WhenAll(inFlight);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met within {seconds}s");
            await Task.Delay(50);
        }
    }
}
