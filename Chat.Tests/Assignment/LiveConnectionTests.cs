using Chat.Domain.Routing;
using Chat.Tests.Support;

namespace Chat.Tests.Assignment;

[Collection(ChatAppCollection.Name)]
public sealed class LiveConnectionTests(ChatApp app)
{
    [Fact]
    public async Task Agents_online_by_choice_but_without_a_live_connection_get_no_chat_until_they_connect()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.SettledAsync(() => Task.WhenAll(new[] { workspace.Agent, workspace.OtherAgent }.Select(agent =>
            app.Api().SendAsync(HttpMethod.Put, "/api/agents/me/status", new { status = "Online" }, agent.Token, 204))));
        var visitor = await workspace.NewVisitorAsync();

        await app.SettledAsync(() => visitor.SendAsync("Hello"));

        var waiting = await app.RoutedAsync(workspace, visitor);
        waiting.AssigneeId.ShouldBeNull();
        (await app.QueueAsync(workspace)).ShouldHaveSingleItem().ConversationId.ShouldBe(visitor.ConversationId);

        await app.SettledAsync(() => app.ConnectAgentAsync(workspace.Agent));

        await Eventually.Async(async () => (await app.RoutedAsync(workspace, visitor)).AssigneeId == workspace.Agent.Id, "the chat routed to the agent");
        var routed = await app.RoutedAsync(workspace, visitor);
        var decision = await app.RoutingDecisionAsync(workspace, routed);
        decision.GetProperty("candidates").EnumerateArray()
            .Single(c => c.GetProperty("agentId").GetGuid() == workspace.OtherAgent.Id).GetProperty("verdict").GetString().ShouldBe(Verdicts.NotConnected);
        (await app.QueueAsync(workspace)).ShouldBeEmpty();
    }
}
