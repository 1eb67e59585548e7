using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Widget;

/// <summary>
/// What a visitor catches up on (hub <c>CatchUp</c>, <c>GET /api/visitor/events</c>) is what a live visitor client was
/// pushed for the same facts, byte for byte, so the widget renders both with one renderer.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class VisitorFeedTests(ChatApp app)
{
    [Fact]
    public async Task Catching_up_returns_exactly_the_events_a_live_visitor_was_pushed()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync("Ann");
        var pushed = new ConcurrentQueue<JsonElement>();
        await using var live = app.HubConnection("visitor", visitor.Token);
        live.On<JsonElement>("event", e => pushed.Enqueue(e));
        await live.StartAsync();

        var conversation = $"/api/conversations/{visitor.ConversationId}";
        await visitor.SendAsync("Hi, my order is late");
        await app.Api().PostAsync<SentMessage>($"{conversation}/notes", new { text = "secret note", clientMessageId = "n1" }, workspace.Agent.Token, 201);
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Let me look");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"{conversation}/tags", new { tag = "vip" });
        await app.Api().SendAsync(HttpMethod.Patch, $"{conversation}/messages/{reply.MessageId}", new { text = "Let me check" }, workspace.Agent.Token, 200);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"{conversation}/read", new { upToVersion = reply.Version });
        var last = await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"{conversation}/close", new { reason = "solved" });

        await Eventually.Async(() => Task.FromResult(pushed.Any(e => e.GetProperty("version").GetInt64() == last.Version)),
            "the close pushed to the visitor");
        var caughtUp = await live.InvokeAsync<List<JsonElement>>("CatchUp", null, 0L);
        var fetched = JsonSerializer.Deserialize<List<JsonElement>>(
            await app.Api().SendAsync(HttpMethod.Get, $"/api/visitor/events?threadId={reply.ThreadId}&after=0", null, visitor.Token, 200))!;

        var expected = pushed.Select(e => e.GetRawText()).ToList();
        caughtUp.Select(e => e.GetRawText()).ShouldBe(expected);
        fetched.Select(e => e.GetRawText()).ShouldBe(expected);
        pushed.Select(e => e.GetProperty("type").GetString()).ShouldBe(
            ["thread_started", "thread_queued", "message_posted", "thread_assigned", "message_posted", "message_edited", "messages_read", "thread_closed"]);
        expected.ShouldAllBe(e => !e.Contains("secret note") && !e.Contains("vip"));
        var edited = pushed.Single(e => e.GetProperty("type").GetString() == "message_edited");
        edited.GetProperty("conversationId").GetGuid().ShouldBe(visitor.ConversationId);
        edited.GetProperty("threadId").GetGuid().ShouldBe(reply.ThreadId);
        edited.GetProperty("data").GetProperty("text").GetString().ShouldBe("Let me check");
    }

    [Fact]
    public async Task Catching_up_after_a_version_returns_the_later_facts_only()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var first = await visitor.SendAsync("Hi");
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");
        await using var live = app.HubConnection("visitor", visitor.Token);
        await live.StartAsync();

        var caughtUp = await live.InvokeAsync<List<JsonElement>>("CatchUp", null, first.Version);

        caughtUp.Select(e => e.GetProperty("version").GetInt64()).ShouldBe([reply.Version - 1, reply.Version]);
        caughtUp[^1].GetProperty("data").GetProperty("text").GetString().ShouldBe("Hello");
    }
}
