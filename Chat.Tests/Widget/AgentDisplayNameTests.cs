using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Api.Conversations.Visitors;
using Chat.Domain;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Widget;

/// <summary>The visitor knows the answering agent by display name, live, on catching up and in their conversation; never by email.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class AgentDisplayNameTests(ChatApp app)
{
    [Fact]
    public async Task Visitors_see_the_answering_agents_display_name_and_never_their_email()
    {
        var workspace = await app.NewWorkspaceAsync();
        var agent = workspace.Agent;
        var visitor = await workspace.NewVisitorAsync();
        var pushed = new ConcurrentQueue<JsonElement>();
        await using var live = app.HubConnection("visitor", visitor.Token);
        live.On<JsonElement>("event", e => pushed.Enqueue(e));
        await live.StartAsync();

        await visitor.SendAsync("Hello?");
        var reply = await app.ReplyAsync(agent, visitor.ConversationId, "Hi, I am here");
        await Eventually.Async(() => Task.FromResult(pushed.Any(e => e.GetProperty("version").GetInt64() == reply.Version)),
            "the reply pushed to the visitor");
        var caughtUp = await live.InvokeAsync<List<JsonElement>>("CatchUp", null, 0L);
        var viewText = await app.Api().SendAsync(HttpMethod.Get, "/api/visitor/conversation", null, visitor.Token, 200);
        var view = JsonSerializer.Deserialize<VisitorConversationView>(viewText, Support.Api.Json)!;

        foreach (var events in new[] { pushed.ToList(), caughtUp })
        {
            Data(events, "thread_assigned").GetProperty("agentName").GetString().ShouldBe("agent");
            var messages = events.Where(e => e.GetProperty("type").GetString() == "message_posted").Select(e => e.GetProperty("data")).ToList();
            messages.Select(m => m.GetProperty("authorName").GetString()).ShouldBe([null, "agent"]);
            events.ShouldAllBe(e => !e.GetRawText().Contains(agent.Account.Email));
        }
        view.AgentName.ShouldBe("agent");
        view.CurrentMessages.Select(m => (m.AuthorKind, m.AuthorName)).ShouldBe([(AuthorKind.Visitor, null), (AuthorKind.Agent, "agent")]);
        viewText.ShouldNotContain(agent.Account.Email);
    }

    private static JsonElement Data(IEnumerable<JsonElement> events, string type) =>
        events.Single(e => e.GetProperty("type").GetString() == type).GetProperty("data");
}
