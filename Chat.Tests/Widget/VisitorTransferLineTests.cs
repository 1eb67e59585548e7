using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Widget;

/// <summary>
/// A transfer reaches the visitor as a quiet line: the same envelope as every fact, naming the new agent by display name
/// when it went to an agent, and nothing of the reason, the group or who transferred. Live and on catching up alike;
/// staff keep the whole fact.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class VisitorTransferLineTests(ChatApp app)
{
    [Fact]
    public async Task The_visitor_sees_a_transfer_as_the_new_agents_name_alone_live_and_on_catching_up_while_staff_see_the_reason()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var toVisitor = new ConcurrentQueue<JsonElement>();
        var toStaff = new ConcurrentQueue<JsonElement>();
        await using var live = app.HubConnection("visitor", visitor.Token);
        live.On<JsonElement>("event", e => toVisitor.Enqueue(e));
        await live.StartAsync();
        await visitor.SendAsync("My invoice is wrong");
        // An auditor watches: they see every fact and, not counting for presence, are never routed the chat.
        await using var watching = app.HubConnection("agent", workspace.Auditor.Token);
        watching.On<JsonElement>("event", e => toStaff.Enqueue(e));
        await watching.StartAsync();
        await watching.InvokeAsync("Watch", visitor.ConversationId);
        var conversation = $"/api/conversations/{visitor.ConversationId}";

        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Let me pass you on");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"{conversation}/transfer",
            new { agentId = workspace.OtherAgent.Id, reason = "knows invoices, unlike me" });
        var last = await app.CommandAsync(workspace.OtherAgent, HttpMethod.Post, $"{conversation}/transfer",
            new { group = "default", reason = "going home early" });

        await Eventually.Async(() => Task.FromResult(toVisitor.Any(e => Version(e) == last.Version) && toStaff.Any(e => Version(e) == last.Version)),
            "the second transfer pushed to the visitor and to staff");
        var pushed = toVisitor.Select(e => e.GetRawText()).ToList();
        var caughtUp = await live.InvokeAsync<List<JsonElement>>("CatchUp", null, 0L);
        var fetched = JsonSerializer.Deserialize<List<JsonElement>>(
            await app.Api().SendAsync(HttpMethod.Get, $"/api/visitor/events?threadId={reply.ThreadId}&after=0", null, visitor.Token, 200))!;

        caughtUp.Select(e => e.GetRawText()).ShouldBe(pushed);
        fetched.Select(e => e.GetRawText()).ShouldBe(pushed);
        var lines = toVisitor.Where(e => Type(e) == "thread_transferred").ToList();
        lines.Select(e => e.GetProperty("data").GetRawText()).ShouldBe(["""{"agentName":"agent2"}""", """{"agentName":null}"""]);
        lines[^1].GetProperty("version").GetInt64().ShouldBe(last.Version);
        lines.ShouldAllBe(e => e.GetProperty("conversationId").GetGuid() == visitor.ConversationId
                               && e.GetProperty("threadId").GetGuid() == reply.ThreadId);
        pushed.ShouldAllBe(e => !e.Contains("knows invoices") && !e.Contains("going home") && !e.Contains(workspace.OtherAgent.Account.Email));

        var full = toStaff.Where(e => Type(e) == "thread_transferred").Select(e => e.GetProperty("data")).ToList();
        full.Select(d => d.GetProperty("reason").GetString()).ShouldBe(["knows invoices, unlike me", "going home early"]);
        full[0].GetProperty("toAgentName").GetString().ShouldBe("agent2");
        full[0].GetProperty("by").GetString().ShouldBe(workspace.Agent.Id.ToString());
        full[1].GetProperty("toGroup").GetString().ShouldBe("default");
    }

    private static long Version(JsonElement e) => e.GetProperty("version").GetInt64();

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();
}
