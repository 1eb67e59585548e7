using Chat.Api.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.RealTime;

[Collection(LiveClusterCollection.Name)]
public sealed class PushKindTests(LiveCluster cluster)
{
    [Fact]
    public async Task Every_kind_of_change_reaches_the_watching_agents_and_the_visitor_only_what_visitors_may_see()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var session = await node.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(node.BaseUrl, "visitor", session.VisitorToken);
        var first = await visitor.Connection.InvokeAsync<SentMessage>("Send", "Hi", "v-1");
        await using var agent = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.Agent.Token);
        await agent.Connection.InvokeAsync("Watch", session.ConversationId);
        var url = $"/api/conversations/{session.ConversationId}";
        var token = workspace.Agent.Token;

        await node.PostAsync($"{url}/notes", token, new { text = "internal only", clientMessageId = "n-1" });
        var reply = await agent.Connection.InvokeAsync<SentMessage>("Reply", session.ConversationId, "Helo", "a-1");
        await node.SendAsync(HttpMethod.Patch, $"{url}/messages/{reply.MessageId}", token, new { text = "Hello" });
        var extra = await agent.Connection.InvokeAsync<SentMessage>("Reply", session.ConversationId, "Oops", "a-2");
        await node.SendAsync(HttpMethod.Delete, $"{url}/messages/{extra.MessageId}", token);
        await visitor.Connection.InvokeAsync<ThreadPosition>("MarkRead", extra.Version);
        await node.PostAsync($"{url}/read", token, new { upToVersion = first.Version });
        await node.PostAsync($"{url}/tags", token, new { tag = "billing" });
        await node.SendAsync(HttpMethod.Put, $"{url}/priority", token, new { priority = "High" });
        await node.SendAsync(HttpMethod.Put, $"{url}/status", token, new { status = "Pending" });
        await node.SendAsync(HttpMethod.Put, $"{url}/assignment", token, new { agentId = workspace.Agent.Id });
        await node.SendAsync(HttpMethod.Delete, $"{url}/assignment", token);
        await node.PostAsync($"{url}/close", token, new { reason = "done" });
        var reopened = await node.PostAsync($"{url}/reopen", token, new { });
        var lastVersion = reopened.GetProperty("version").GetInt64();

        await agent.WaitForEventAsync("thread_reopened");
        await visitor.WaitForEventAsync("thread_reopened");
        var staffSaw = agent.Events.Select(e => e.Type).ToHashSet();
        string[] staffKinds = ["private_note_added", "message_posted", "message_edited", "message_deleted", "messages_read",
            "thread_tagged", "priority_changed", "status_changed", "thread_assigned", "thread_unassigned", "thread_closed", "thread_reopened"];
        staffKinds.ShouldBeSubsetOf(staffSaw);
        var visitorSaw = visitor.Events.Select(e => e.Type).ToHashSet();
        string[] visitorKinds = ["message_posted", "message_edited", "message_deleted", "messages_read", "thread_assigned", "thread_closed", "thread_reopened"];
        visitorKinds.ShouldBeSubsetOf(visitorSaw);
        visitorSaw.ShouldNotContain("private_note_added");
        visitorSaw.ShouldNotContain("thread_tagged");
        visitorSaw.ShouldNotContain("priority_changed");
        visitorSaw.ShouldNotContain("status_changed");
        // The first message's own pushes may still be on their way when the agent starts watching; they are
        // not what this counts.
        agent.Events.Where(e => e.Payload.GetProperty("conversationId").GetGuid() == session.ConversationId && e.Version > first.Version)
            .Select(e => e.Version).Distinct().Count().ShouldBe((int)lastVersion - (int)first.Version, "one push per fact after the first message");
        visitor.Events.Single(e => e.Type == "message_edited").Data.GetProperty("text").GetString().ShouldBe("Hello");
    }
}
