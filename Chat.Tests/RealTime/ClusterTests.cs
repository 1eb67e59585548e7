using Chat.Api.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.RealTime;

[Collection(LiveClusterCollection.Name)]
public sealed class ClusterTests(LiveCluster cluster)
{
    [Fact]
    public async Task A_visitor_on_one_node_and_an_agent_on_another_see_each_others_messages_and_typing()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var session = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", session.VisitorToken);
        await using var agent = await LiveClient.ConnectAsync(cluster.NodeB.BaseUrl, "agent", workspace.Agent.Token);
        // A hub answers calls only after its connect handler ran, so one round trip means the agent's connection has
        // joined the staff group; without it a loaded machine can push the waiting chat before it has.
        await agent.Connection.InvokeAsync("Unwatch", Guid.NewGuid());

        var hello = await visitor.Connection.InvokeAsync<SentMessage>("Send", "Hello from node A", "v-1");
        (await agent.WaitForAsync(r => r.Method == "waiting", "the waiting chat on node B")).Payload.GetProperty("id").GetGuid()
            .ShouldBe(session.ConversationId);
        await agent.Connection.InvokeAsync("Watch", session.ConversationId);
        var reply = await agent.Connection.InvokeAsync<SentMessage>("Reply", session.ConversationId, "Hello from node B", "a-1");
        await visitor.Connection.InvokeAsync("Typing");
        await agent.Connection.InvokeAsync("Typing", session.ConversationId);

        var onA = await visitor.WaitForEventAsync("message_posted", r => r.Version == reply.Version);
        onA.Data.GetProperty("text").GetString().ShouldBe("Hello from node B");
        await visitor.WaitForAsync(r => r.Method == "typing", "the agent typing, from node B");
        await agent.WaitForAsync(r => r.Method == "typing" && r.Payload.GetProperty("side").GetString() == "Visitor", "the visitor typing, from node A");
        var second = await visitor.Connection.InvokeAsync<SentMessage>("Send", "Thanks!", "v-2");
        (await agent.WaitForEventAsync("message_posted", r => r.Version == second.Version)).Data.GetProperty("text").GetString().ShouldBe("Thanks!");
        agent.Events.Count(e => e.Type == "message_posted" && e.Version == second.Version).ShouldBe(1, "each node pushes to its own connections only");
        hello.Version.ShouldBeLessThan(reply.Version);
    }
}
