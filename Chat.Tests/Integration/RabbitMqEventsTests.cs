using System.Text.Json;
using Chat.Contracts;
using Chat.Tests.RealTime;
using Xunit.Abstractions;

namespace Chat.Tests.Integration;

[Collection(OutageClusterCollection.Name)]
public sealed partial class RabbitMqEventsTests(OutageCluster cluster, ITestOutputHelper output)
{
    private static IReadOnlyList<IntegrationEvent> Of(IReadOnlyList<IntegrationEvent> events, Guid conversationId) =>
        [.. events.Where(e => e.ConversationId == conversationId)];

    [Fact]
    public async Task A_consumer_bound_to_the_exchange_receives_each_fact_once_in_order_with_a_stable_id()
    {
        await using var consumer = await EventConsumer.StartAsync(LiveCluster.RabbitMqUri);
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var session = await node.NewVisitorAsync(workspace.Workspace);
        var url = $"/api/conversations/{session.ConversationId}";

        await node.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Hello", clientMessageId = "c-1" });
        await node.PostAsync($"{url}/messages", workspace.Agent.Token, new { text = "Hi, how can I help?", clientMessageId = "a-1" });
        await node.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Hello", clientMessageId = "c-1" });
        await node.PostAsync($"{url}/close", workspace.Agent.Token, new { reason = "done" });

        var events = Of(await consumer.WaitForAsync(all => Of(all, session.ConversationId).Any(e => e.Type == IntegrationEventTypes.ThreadClosed)),
            session.ConversationId);
        events.Select(e => e.Type).ShouldBe([
            IntegrationEventTypes.ConversationStarted, IntegrationEventTypes.ThreadQueued, IntegrationEventTypes.MessagePosted,
            IntegrationEventTypes.ThreadAssigned, IntegrationEventTypes.MessagePosted, IntegrationEventTypes.ThreadClosed,
        ]);
        events.Select(e => e.Sequence).ShouldBeInOrder();
        events.ShouldAllBe(e => e.WorkspaceId == workspace.Workspace.Id && e.SchemaVersion == 1);
        events[^1].Actor.ShouldBe(new IntegrationActor("agent", workspace.Agent.Id.ToString()));
        ((JsonElement)events[^1].Data).GetProperty("reason").GetString().ShouldBe("done");
        consumer.Deliveries.Where(d => d.RoutingKey.StartsWith("conversation.") || d.RoutingKey.StartsWith("thread.") || d.RoutingKey.StartsWith("message."))
            .ShouldAllBe(d => d.Persistent);
        consumer.Deliveries.Select(d => d.RoutingKey).ShouldContain(IntegrationEventTypes.MessagePosted);
    }

    [Fact]
    public async Task With_the_broker_down_messages_are_still_accepted_and_every_event_arrives_when_it_is_back()
    {
        await using var consumer = await EventConsumer.StartAsync(LiveCluster.RabbitMqUri, "message.posted");
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var session = await node.NewVisitorAsync(workspace.Workspace);

        await RabbitMqCtlAsync("stop_app");
        var accepted = new List<Guid>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var sent = await node.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = $"while down {i}", clientMessageId = $"d-{i}" });
                accepted.Add(sent.GetProperty("messageId").GetGuid());
            }
        }
        finally
        {
            await RabbitMqCtlAsync("start_app");
            await RabbitMqCtlAsync("await_startup");
        }

        var arrived = await consumer.WaitForAsync(all => Of(all, session.ConversationId).Count >= 5, seconds: 120);
        Of(arrived, session.ConversationId).Select(e => ((JsonElement)e.Data).GetProperty("messageId").GetGuid()).ShouldBe(accepted, ignoreOrder: true);
        await LivePushesFlowAgainAsync(workspace, session);
    }

    /// <summary>Live pushes between the nodes resume too (and the other tests of the cluster find it healthy).</summary>
    private async Task LivePushesFlowAgainAsync(LiveWorkspace workspace, Chat.Api.Identity.WidgetSession session)
    {
        await using var agent = await LiveClient.ConnectAsync(cluster.NodeB.BaseUrl, "agent", workspace.Agent.Token);
        await Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.InvokeAsync(agent.Connection, "Watch", session.ConversationId);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        for (var i = 0; ; i++)
        {
            var sent = await cluster.NodeA.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = $"after {i}", clientMessageId = $"after-{i}" });
            var version = sent.GetProperty("version").GetInt64();
            try
            {
                await agent.WaitForEventAsync("message_posted", r => r.Version == version);
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // The node's sender to the live exchange is still reconnecting; try again.
            }
        }
    }

    private static Task RabbitMqCtlAsync(string command) => RabbitMqCtl.RunAsync(command);
}
