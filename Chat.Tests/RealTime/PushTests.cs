using Microsoft.AspNetCore.SignalR.Client;
using Chat.Tests.Support;

namespace Chat.Tests.RealTime;

[Collection(LiveClusterCollection.Name)]
public sealed class PushTests(LiveCluster cluster)
{
    [Fact]
    public async Task Agents_and_visitors_receive_each_others_messages_the_moment_they_are_stored()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var session = await node.NewVisitorAsync(workspace.Workspace);
        await using var inbox = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.Agent.Token);
        await using var visitor = await LiveClient.ConnectAsync(node.BaseUrl, "visitor", session.VisitorToken);

        var sent = await visitor.Connection.InvokeAsync<Chat.Api.Conversations.SentMessage>("Send", "Hello there", "c-1");

        var waiting = await inbox.WaitForAsync(r => r.Method == "waiting", "a new waiting chat");
        waiting.Payload.GetProperty("id").GetGuid().ShouldBe(session.ConversationId);
        await using var agent = await LiveClient.ConnectAsync(node.BaseUrl, "agent", workspace.Agent.Token);
        await agent.Connection.InvokeAsync("Watch", session.ConversationId);
        var reply = await agent.Connection.InvokeAsync<Chat.Api.Conversations.SentMessage>("Reply", session.ConversationId, "Hi! How can I help?", "a-1");

        var pushed = await visitor.WaitForEventAsync("message_posted", r => r.Version == reply.Version);
        pushed.Data.GetProperty("text").GetString().ShouldBe("Hi! How can I help?");
        pushed.Payload.GetProperty("conversationId").GetGuid().ShouldBe(session.ConversationId);
        pushed.Payload.GetProperty("threadId").GetGuid().ShouldBe(sent.ThreadId);
        (await visitor.WaitForEventAsync("message_posted", r => r.Version == sent.Version)).Data.GetProperty("text").GetString().ShouldBe("Hello there");
        var inboxChange = await inbox.WaitForAsync(r => r.Method == "inbox" && r.Payload.GetProperty("lastMessagePreview").GetString() == "Hi! How can I help?", "the inbox row after the reply");
        inboxChange.Payload.GetProperty("assigneeId").GetGuid().ShouldBe(workspace.Agent.Id);
    }
}
