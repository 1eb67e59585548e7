using System.Text.Json;
using Chat.Api.Routing;
using Chat.Domain.Threads;
using Chat.Tests.Support;
using Wolverine.Tracking;

namespace Chat.Tests.Assignment;

/// <summary>Timeouts are scheduled messages; the tests play them back instead of waiting for them.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class DeadlineTests(ChatApp app)
{
    [Fact]
    public async Task An_agent_who_does_not_answer_in_time_is_skipped_and_the_thread_goes_to_someone_else()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent);
        var visitor = await workspace.NewVisitorAsync();
        var arrival = await app.SettledAsync(() => visitor.SendAsync("Hello?"));
        (await app.RoutedAsync(workspace, visitor)).AssigneeId.ShouldBe(workspace.Agent.Id);
        arrival.DeadlinesOf<AnswerDeadline>(visitor).ShouldHaveSingleItem().AgentId.ShouldBe(workspace.Agent.Id);
        await app.GoOnlineAsync(workspace.OtherAgent);

        await app.DeadlinesComeDueAsync(arrival, visitor);

        var item = await app.RoutedAsync(workspace, visitor);
        item.AssigneeId.ShouldBe(workspace.OtherAgent.Id);
        var history = await app.ThreadEventsAsync(workspace.Auditor, item.Id, item.ThreadId);
        var expired = history.Single(e => e.Type == "assignment_expired");
        ((JsonElement)expired.Data).GetProperty("reason").GetString().ShouldBe("no answer");
        var skipped = (await app.RoutingDecisionAsync(workspace, item)).GetProperty("candidates").EnumerateArray()
            .Single(c => c.GetProperty("agentId").GetGuid() == workspace.Agent.Id);
        skipped.GetProperty("verdict").GetString().ShouldBe("skipped: did not answer");
    }

    [Fact]
    public async Task An_agent_who_answered_keeps_the_thread_when_the_deadline_comes()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent, workspace.OtherAgent);
        var visitor = await workspace.NewVisitorAsync();
        var arrival = await app.SettledAsync(() => visitor.SendAsync("Hello?"));
        var assignee = (await app.RoutedAsync(workspace, visitor)).AssigneeId;
        var agent = assignee == workspace.Agent.Id ? workspace.Agent : workspace.OtherAgent;
        await app.ReplyAsync(agent, visitor.ConversationId, "Right here");

        await app.DeadlinesComeDueAsync(arrival, visitor);

        (await app.RoutedAsync(workspace, visitor)).AssigneeId.ShouldBe(agent.Id);
    }

    [Fact]
    public async Task After_the_longest_wait_the_visitor_is_offered_to_leave_a_message_and_the_thread_is_missed()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var arrival = await app.SettledAsync(() => visitor.SendAsync("Anyone?"));
        arrival.DeadlinesOf<MaxWaitDeadline>(visitor).ShouldHaveSingleItem();

        await app.DeadlinesComeDueAsync(arrival, visitor);

        var item = await app.RoutedAsync(workspace, visitor);
        (await app.ThreadEventsAsync(workspace.Auditor, item.Id, item.ThreadId)).ShouldContain(e => e.Type == "thread_missed");
        item.AssigneeId.ShouldBeNull();
        var view = await app.Api().GetAsync<Chat.Api.Conversations.Visitors.VisitorConversationView>("/api/visitor/conversation", visitor.Token);
        view.CurrentMessages[^1].AuthorKind.ShouldBe(Chat.Domain.AuthorKind.System);
        view.CurrentMessages[^1].Text.ShouldContain("Leave a message");
        (await app.QueueAsync(workspace)).ShouldBeEmpty("a missed thread waits for an agent to pick it up, not in the queue");
        await app.SettledAsync(() => visitor.SendAsync("My order 123 never arrived, email me please"));
        (await app.RoutedAsync(workspace, visitor)).LastMessagePreview.ShouldStartWith("My order 123");
    }

    [Fact]
    public async Task An_agent_going_offline_hands_their_open_threads_back_to_the_queue_where_others_take_them()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent);
        var visitor = await workspace.NewVisitorAsync();
        await app.SettledAsync(() => visitor.SendAsync("Hi"));
        await app.GoOnlineAsync(workspace.OtherAgent);

        await app.GoOfflineAsync(workspace.Agent);

        var item = await app.RoutedAsync(workspace, visitor);
        item.AssigneeId.ShouldBe(workspace.OtherAgent.Id);
        var history = await app.ThreadEventsAsync(workspace.Auditor, item.Id, item.ThreadId);
        ((JsonElement)history.Single(e => e.Type == "assignment_expired").Data).GetProperty("reason").GetString().ShouldBe("agent offline");
        item.Status.ShouldBe(ThreadStatus.Open);
    }

    [Fact]
    public async Task A_release_that_finds_nothing_to_release_does_not_wake_the_router_again_and_again()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent);
        var visitor = await workspace.NewVisitorAsync();
        await app.SettledAsync(() => visitor.SendAsync("Hi"));
        var item = await app.RoutedAsync(workspace, visitor);
        item.AssigneeId.ShouldBe(workspace.Agent.Id);
        // The thread's write model is gone, as while a rebuild replays it: the router's view still has the thread held.
        await using (var session = app.Store.LightweightSession(workspace.Id))
        {
            session.Delete<ChatThread>(item.ThreadId);
            await session.SaveChangesAsync();
        }

        var offline = await app.SettledAsync(() => app.Api().SendAsync(HttpMethod.Put, "/api/agents/me/status", new { status = "Offline" },
            workspace.Agent.Token, 204));

        offline.Executed.MessagesOf<Chat.Projections.Routing.RouteWorkspace>().Count(r => r.WorkspaceId == workspace.Id)
            .ShouldBe(1, "the run that found the release already undone is not repeated");
        (await app.RoutedAsync(workspace, visitor)).AssigneeId.ShouldBe(workspace.Agent.Id, "nothing was appended to the thread");
    }
}
