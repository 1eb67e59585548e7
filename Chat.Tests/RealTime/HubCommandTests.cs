using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Reading;
using Chat.Api.RealTime;
using Chat.Projections.Live;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.RealTime;

[Collection(LiveClusterCollection.Name)]
public sealed class HubCommandTests(LiveCluster cluster)
{
    private static HubProblemDetails ProblemOf(HubException e) =>
        JsonSerializer.Deserialize<HubProblemDetails>(e.Message[(e.Message.IndexOf('{'))..], JsonSerializerOptions.Web)!;

    [Fact]
    public async Task A_send_through_the_hub_is_acknowledged_with_its_stored_version_and_a_resend_stores_nothing()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var session = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", session.VisitorToken);

        var sent = await visitor.Connection.InvokeAsync<SentMessage>("Send", "First", "c-1");
        var again = await visitor.Connection.InvokeAsync<SentMessage>("Send", "First", "c-1");

        sent.Version.ShouldBe(3);
        again.ShouldBe(sent with { Duplicate = true });
        var history = await visitor.Connection.InvokeAsync<List<LiveEvent>>("CatchUp", null, 0L);
        history.Count(e => e.Type == "message_posted").ShouldBe(1);
    }

    [Fact]
    public async Task Refused_hub_commands_come_back_as_hub_errors_with_the_problem_codes_of_HTTP()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var session = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "visitor", session.VisitorToken);
        var sent = await visitor.Connection.InvokeAsync<SentMessage>("Send", "Hi", "c-1");
        await using var auditor = await LiveClient.ConnectAsync(cluster.NodeA.BaseUrl, "agent", workspace.Auditor.Token);

        ProblemOf(await Should.ThrowAsync<HubException>(() => visitor.Connection.InvokeAsync<SentMessage>("Send", "", "c-2"))).Status.ShouldBe(400);
        ProblemOf(await Should.ThrowAsync<HubException>(() =>
            visitor.Connection.InvokeAsync<SentMessage>("Send", new string('x', ChatApp.MaxMessageLength + 1), "c-3"))).Status.ShouldBe(413);
        ProblemOf(await Should.ThrowAsync<HubException>(() =>
            auditor.Connection.InvokeAsync<SentMessage>("Reply", session.ConversationId, "hi", "a-1"))).Status.ShouldBe(403);
        ProblemOf(await Should.ThrowAsync<HubException>(() =>
            auditor.Connection.InvokeAsync("Watch", Guid.NewGuid()))).Status.ShouldBe(404);

        var history = await visitor.Connection.InvokeAsync<List<LiveEvent>>("CatchUp", null, 0L);
        history.Max(e => e.Version).ShouldBe(sent.Version, "refused commands change nothing");
    }

    [Fact]
    public async Task A_client_that_reconnects_catches_up_on_exactly_what_it_missed_in_order()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var session = await node.NewVisitorAsync(workspace.Workspace);
        var visitor = await LiveClient.ConnectAsync(node.BaseUrl, "visitor", session.VisitorToken);
        var first = await visitor.Connection.InvokeAsync<SentMessage>("Send", "Hi", "c-1");
        var lastSeen = (await visitor.WaitForEventAsync("message_posted", r => r.Version == first.Version)).Version;
        await visitor.DisposeAsync();

        var missed = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var text = $"reply {i}";
            await node.PostAsync($"/api/conversations/{session.ConversationId}/messages", workspace.Agent.Token, new { text, clientMessageId = $"a-{i}" });
            missed.Add(text);
        }

        await using var back = await LiveClient.ConnectAsync(node.BaseUrl, "visitor", session.VisitorToken);
        var caughtUp = await back.Connection.InvokeAsync<List<LiveEvent>>("CatchUp", first.ThreadId, lastSeen);

        caughtUp.Select(e => e.Version).ShouldBe(Enumerable.Range((int)lastSeen + 1, caughtUp.Count).Select(v => (long)v));
        var messages = caughtUp.Where(e => e.Type == "message_posted").Select(e => ((JsonElement)e.Data).GetProperty("text").GetString()!).ToList();
        messages.ShouldBe(missed);
        caughtUp.Select(e => e.Type).Distinct().ShouldBe(["thread_assigned", "message_posted"], ignoreOrder: true);
    }
}
