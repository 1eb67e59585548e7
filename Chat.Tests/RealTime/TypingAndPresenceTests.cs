using System.Text.Json;
using Chat.Api.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.RealTime;

[Collection(LiveClusterCollection.Name)]
public sealed class TypingAndPresenceTests(LiveCluster cluster)
{
    [Fact]
    public async Task Each_side_sees_the_other_typing_and_the_signal_expires_on_its_own()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var session = await node.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(node.BaseUrl, "visitor", session.VisitorToken);
        await visitor.Connection.InvokeAsync<SentMessage>("Send", "Hi", "v-1");
        await using var agent = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.Agent.Token);
        await agent.Connection.InvokeAsync("Watch", session.ConversationId);

        await visitor.Connection.InvokeAsync("Typing");
        await agent.Connection.InvokeAsync("Typing", session.ConversationId);

        var visitorTyping = await agent.WaitForAsync(r => r.Method == "typing" && r.Payload.GetProperty("side").GetString() == "Visitor", "the visitor typing");
        visitorTyping.Payload.GetProperty("who").GetString().ShouldBe(session.VisitorId);
        visitorTyping.Payload.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        var agentTyping = await visitor.WaitForAsync(r => r.Method == "typing", "the agent typing");
        agentTyping.Payload.GetProperty("side").GetString().ShouldBe("Agent");
        agentTyping.Payload.GetProperty("conversationId").GetGuid().ShouldBe(session.ConversationId);
    }

    [Fact]
    public async Task Presence_follows_connections_and_the_agents_own_choice_and_is_recorded()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        await using var colleague = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.OtherAgent.Token);
        bool IsPresence(Received r, string status) => r.Method == "presence"
            && r.Payload.GetProperty("agentId").GetGuid() == workspace.Agent.Id && r.Payload.GetProperty("status").GetString() == status;

        var agent = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.Agent.Token);
        await colleague.WaitForAsync(r => IsPresence(r, "Online"), "the agent coming online");
        await agent.Connection.InvokeAsync("SetStatus", "Away");
        await colleague.WaitForAsync(r => IsPresence(r, "Away"), "the agent going away");
        await agent.Connection.InvokeAsync("SetStatus", "Online");
        await colleague.WaitForAsync(r => r.Method == "presence" && IsPresence(r, "Online") && r.Payload.GetProperty("reason").GetString() == "set by agent", "the agent back");
        await agent.DisposeAsync();

        var offline = await colleague.WaitForAsync(r => IsPresence(r, "Offline"), "the agent offline after the grace period",
            seconds: LiveCluster.OfflineGraceSeconds + 20);
        offline.Payload.GetProperty("reason").GetString().ShouldBe("last connection gone");
        var recorded = await node.SendAsync(HttpMethod.Get, "/api/agents/presence", workspace.Auditor.Token);
        recorded.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == workspace.Agent.Id)
            .GetProperty("status").GetString().ShouldBe("Offline");
    }

    [Fact]
    public async Task A_reload_within_the_grace_period_is_no_absence()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        await using var colleague = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.OtherAgent.Token);
        var first = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.Agent.Token);
        await colleague.WaitForAsync(r => r.Method == "presence" && r.Payload.GetProperty("agentId").GetGuid() == workspace.Agent.Id, "online");

        await using var second = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.Agent.Token);
        await first.DisposeAsync();

        // The absence of a push can only be shown by watching past the grace period.
        await Should.ThrowAsync<TimeoutException>(() => colleague.WaitForAsync(r => r.Method == "presence"
            && r.Payload.GetProperty("agentId").GetGuid() == workspace.Agent.Id && r.Payload.GetProperty("status").GetString() == "Offline",
            "no offline", seconds: LiveCluster.OfflineGraceSeconds + 3));
        JsonElement recorded = await node.SendAsync(HttpMethod.Get, "/api/agents/presence", workspace.Auditor.Token);
        recorded.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == workspace.Agent.Id).GetProperty("status").GetString().ShouldBe("Online");
    }
}
