using System.Net;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.RealTime;

[Collection(LiveClusterCollection.Name)]
public sealed class ConnectionRejectionTests(LiveCluster cluster)
{
    [Fact]
    public async Task A_connection_without_a_valid_token_is_refused()
    {
        await using var anonymous = LiveClient.For(cluster.NodeA.BaseUrl, "agent", null);
        await using var forged = LiveClient.For(cluster.NodeA.BaseUrl, "visitor", "not-a-token");

        (await Should.ThrowAsync<HttpRequestException>(() => anonymous.Connection.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Should.ThrowAsync<HttpRequestException>(() => forged.Connection.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_visitor_cannot_join_the_agents_hub_nor_reach_another_conversation()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var mine = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        var other = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        await using var otherVisitor = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", other.VisitorToken);
        await otherVisitor.Connection.InvokeAsync<Chat.Api.Conversations.SentMessage>("Send", "my secret", "o-1");

        await using var onAgentHub = LiveClient.For(cluster.NodeA.BaseUrl, "agent", mine.VisitorToken);
        (await Should.ThrowAsync<HttpRequestException>(() => onAgentHub.Connection.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var visitor = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", mine.VisitorToken);
        await Should.ThrowAsync<HubException>(() => visitor.Connection.InvokeAsync("Watch", other.ConversationId));
        await Should.ThrowAsync<HubException>(() => visitor.Connection.InvokeAsync<object>("CatchUp", Guid.NewGuid(), 0L));
        visitor.All.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_agent_of_another_workspace_cannot_watch_a_conversation()
    {
        var ours = await cluster.NewWorkspaceAsync();
        var theirs = await cluster.NewWorkspaceAsync();
        var session = await cluster.NodeA.NewVisitorAsync(ours.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", session.VisitorToken);
        await visitor.Connection.InvokeAsync<Chat.Api.Conversations.SentMessage>("Send", "Hi", "v-1");
        await using var stranger = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "agent", theirs.Agent.Token);

        var refused = await Should.ThrowAsync<HubException>(() => stranger.Connection.InvokeAsync("Watch", session.ConversationId));
        refused.Message.ShouldContain("404");
        await Should.ThrowAsync<HubException>(() => stranger.Connection.InvokeAsync<Chat.Api.Conversations.SentMessage>(
            "Reply", session.ConversationId, "hello", "x-1"));
        stranger.All.Where(r => r.Method is "event" or "waiting" or "inbox").ShouldBeEmpty();
    }

    [Fact]
    public async Task Oversized_and_malformed_hub_payloads_are_refused()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var session = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        await using var malformed = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", session.VisitorToken);

        await Should.ThrowAsync<HubException>(() => malformed.Connection.InvokeAsync<object>("Send", 42, new[] { 1, 2 }));
        await Should.ThrowAsync<HubException>(() => malformed.Connection.InvokeAsync<object>("NoSuchMethod"));
        (await malformed.Connection.InvokeAsync<Chat.Api.Conversations.SentMessage>("Send", "still connected", "m-1")).Version.ShouldBe(3);

        await using var oversized = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", session.VisitorToken);
        var closed = new TaskCompletionSource<Exception?>();
        oversized.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        var huge = new string('x', (int)ChatApp.MaxRequestBytes * 2);
        await Should.ThrowAsync<Exception>(() => oversized.Connection.InvokeAsync<object>("Send", huge, "big-1"));
        (await closed.Task.WaitAsync(TimeSpan.FromSeconds(15))).ShouldNotBeNull("the server closes a connection that sends more than the limit");
        var history = await malformed.Connection.InvokeAsync<List<Chat.Projections.Live.LiveEvent>>("CatchUp", null, 0L);
        history.Count(e => e.Type == "message_posted").ShouldBe(1);
    }
}
