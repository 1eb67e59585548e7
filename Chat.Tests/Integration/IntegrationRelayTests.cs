using System.Collections.Concurrent;
using System.Diagnostics;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Contracts;
using Chat.Projections.Integration;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Marten;
using Xunit.Abstractions;

namespace Chat.Tests.Integration;

/// <summary>
/// Integration events leave from the event log through one relay, run by one node at a time. A node killed in the
/// middle of a burst, and started again, must cost the consumer nothing but repeats: every committed event
/// arrives, each conversation's in commit order, and those of the dead node within seconds.
/// </summary>
public sealed class IntegrationRelayTests(ITestOutputHelper output)
{
    private const int Conversations = 12;

    [Fact]
    public async Task A_node_killed_and_restarted_in_the_middle_of_a_burst_loses_no_event_and_keeps_each_conversations_order()
    {
        var connectionString = await TestDatabase.OtherAsync(TestDatabase.Beside("_relay"), maxPoolSize: 20);
        using var store = DocumentStore.For(options => options.ConfigureChatStore(connectionString));
        var environment = new Dictionary<string, string>(LiveCluster.NodeEnvironment(connectionString))
        {
            ["ConnectionStrings__RabbitMq"] = LiveCluster.RabbitMqUri,
            ["Chat__RabbitMq__Enabled"] = "true",
        };
        var phases = Stopwatch.StartNew();
        await using var consumer = await EventConsumer.StartAsync(LiveCluster.RabbitMqUri);
        var leader = await ApiNode.StartAsync(environment);
        await Eventually.Async(() => Task.FromResult(leader.Output.Contains("This node runs the event subscriptions")), "the first node leading");
        await using var survivor = await ApiNode.StartAsync(environment);
        var (workspace, _) = await WorkspaceSeed.CreateAsync(store, LiveCluster.Tokens, "relay", ("agent", Roles.Agent));
        var visitors = new List<WidgetSession>();
        for (var i = 0; i < Conversations; i++) visitors.Add(await survivor.NewVisitorAsync(workspace));

        output.WriteLine($"Two nodes and {Conversations} visitors ready after {phases.Elapsed.TotalSeconds:F1} s");
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var nodes = new[] { leader, survivor };
        var burst = Task.WhenAll(visitors.Select((visitor, i) => PostUntilStoppedAsync(nodes, i, visitor, failures, stop.Token)));

        await Eventually.Async(async () => (await StoredAsync(store, workspace.Id)).Count(e => e.Type == IntegrationEventTypes.MessagePosted) >= 100,
            "the burst under way", seconds: 60);
        output.WriteLine($"Killing the leader after {phases.Elapsed.TotalSeconds:F1} s");
        await leader.KillAsync();
        var killed = Stopwatch.StartNew();
        var committedBeforeKill = await StoredAsync(store, workspace.Id);
        var takenOver = Task.Run(async () =>
        {
            await consumer.WaitForAsync(all => Ids(committedBeforeKill).IsSubsetOf(all.Select(e => e.EventId)), seconds: 60);
            return killed.Elapsed;
        });

        await using var restarted = await ApiNode.StartAsync(environment);
        nodes[0] = restarted;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await burst;
        var handedOverIn = await takenOver;

        var stored = await StoredAsync(store, workspace.Id);
        await consumer.WaitForAsync(all => Ids(stored).IsSubsetOf(all.Select(e => e.EventId)), seconds: 60);
        IntegrationLedger.ShouldHoldEachConversationInCommitOrder(stored, [.. consumer.Events.Where(e => e.WorkspaceId == workspace.Id)]);
        output.WriteLine($"{stored.Count} events stored, {committedBeforeKill.Count} before the kill, all arrived " +
                         $"({consumer.Duplicates} repeats); the dead node's events arrived {handedOverIn.TotalSeconds:F1} s after the kill; " +
                         $"{failures.Count} posts failed with the dead node");
        handedOverIn.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    private static HashSet<Guid> Ids(IEnumerable<IntegrationEvent> events) => events.Select(e => e.EventId).ToHashSet();

    private static async Task<List<IntegrationEvent>> StoredAsync(IDocumentStore store, string workspaceId)
    {
        await using var session = store.QuerySession(workspaceId);
        var events = await session.Events.QueryAllRawEvents().Where(e => e.TenantId == workspaceId).OrderBy(e => e.Sequence).ToListAsync();
        return [.. events.Select(IntegrationEvents.From).OfType<IntegrationEvent>()];
    }

    /// <summary>One visitor writing without pause, through the nodes in turn; a post to a dead node fails and is not retried.</summary>
    private static async Task PostUntilStoppedAsync(ApiNode[] nodes, int index, WidgetSession visitor, ConcurrentQueue<Exception> failures,
        CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                await nodes[(index + n) % nodes.Length].PostAsync("/api/visitor/messages", visitor.VisitorToken,
                    new { text = $"burst {n}", clientMessageId = $"b-{index}-{n}" });
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }
}
