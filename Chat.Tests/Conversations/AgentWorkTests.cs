using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

[Collection(ChatAppCollection.Name)]
public sealed class AgentWorkTests(ChatApp app)
{
    private static string Url(TestVisitor visitor, string rest = "") => $"/api/conversations/{visitor.ConversationId}{rest}";

    [Fact]
    public async Task An_agent_answering_a_waiting_conversation_takes_it()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");

        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello, I'm here");

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.AssigneeId.ShouldBe(workspace.Agent.Id);
        item.Status.ShouldBe(ThreadStatus.Open);
        item.WaitingSince.ShouldBeNull("an agent answered");
        item.LastMessagePreview.ShouldBe("Hello, I'm here");
        item.UnreadForVisitor.ShouldBe(1);
        reply.Version.ShouldBe(5, "assigned at 4, the reply at 5");
    }

    [Fact]
    public async Task Private_notes_stay_among_agents()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");

        var note = await app.Api().PostAsync<SentMessage>(Url(visitor, "/notes"),
            new { text = "Check the refund policy", clientMessageId = "note-1" }, workspace.Agent.Token, 201);

        var transcript = (await app.ConversationAsync(workspace.Auditor, visitor.ConversationId)).CurrentThread!;
        transcript.Messages.Single(m => m.MessageId == note.MessageId).IsPrivateNote.ShouldBeTrue();
        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.LastMessagePreview.ShouldBe("Hi", "a note is not the conversation's last message");
        item.UnreadForVisitor.ShouldBe(0);
    }

    [Fact]
    public async Task An_agent_edits_and_deletes_their_own_message_and_the_original_stays_in_history()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Teh answer");
        var other = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Wrong chat, sorry");

        await app.Api().SendAsync(HttpMethod.Patch, Url(visitor, $"/messages/{reply.MessageId}"), new { text = "The answer" }, workspace.Agent.Token, 200);
        await app.Api().SendAsync(HttpMethod.Delete, Url(visitor, $"/messages/{other.MessageId}"), null, workspace.Agent.Token, 200);

        var messages = (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!.Messages;
        messages.Single(m => m.MessageId == reply.MessageId).Text.ShouldBe("The answer");
        messages.Single(m => m.MessageId == reply.MessageId).EditedAt.ShouldNotBeNull();
        messages.Single(m => m.MessageId == other.MessageId).Deleted.ShouldBeTrue();
        var history = await app.ThreadEventsAsync(workspace.Auditor, visitor.ConversationId, reply.ThreadId);
        history.Where(e => e.Type == "message_posted").Select(e => ((JsonElement)e.Data).GetProperty("text").GetString())
            .ShouldBe(["Hi", "Teh answer", "Wrong chat, sorry"]);
        history.Select(e => e.Type).ShouldContain("message_edited");
        history.Select(e => e.Type).ShouldContain("message_deleted");
    }

    [Fact]
    public async Task Only_the_author_may_edit_or_delete_a_message()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var visitorMessage = await visitor.SendAsync("Hi");
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");

        await app.Api().RefusedAsync(HttpMethod.Patch, Url(visitor, $"/messages/{reply.MessageId}"), new { text = "x" }, workspace.OtherAgent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Delete, Url(visitor, $"/messages/{visitorMessage.MessageId}"), null, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Patch, Url(visitor, $"/messages/{Guid.NewGuid()}"), new { text = "x" }, workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Patch, Url(visitor, $"/messages/{reply.MessageId}"), new { text = " " }, workspace.Agent.Token, 400);

        var events = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, reply.ThreadId);
        events.Max(e => e.Version).ShouldBe(reply.Version, "refused requests change nothing");
    }

    [Fact]
    public async Task Agents_take_and_release_conversations_and_supervisors_assign_them_to_others()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");

        await app.CommandAsync(workspace.Agent, HttpMethod.Put, Url(visitor, "/assignment"), new { });
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).AssigneeId.ShouldBe(workspace.Agent.Id);

        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/assignment"), new { agentId = workspace.Agent.Id }, workspace.OtherAgent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Delete, Url(visitor, "/assignment"), null, workspace.OtherAgent.Token, 403);

        await app.CommandAsync(workspace.Supervisor, HttpMethod.Put, Url(visitor, "/assignment"), new { agentId = workspace.OtherAgent.Id });
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).AssigneeId.ShouldBe(workspace.OtherAgent.Id);

        await app.Api().SendAsync(HttpMethod.Delete, Url(visitor, "/assignment"), null, workspace.OtherAgent.Token, 200);
        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.AssigneeId.ShouldBeNull();
        item.Status.ShouldBe(ThreadStatus.Queued);
    }

    [Fact]
    public async Task Assigning_to_someone_who_is_not_an_agent_of_the_workspace_is_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        var elsewhere = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");

        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/assignment"), new { agentId = elsewhere.Agent.Id }, workspace.Supervisor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/assignment"), new { agentId = Guid.NewGuid() }, workspace.Supervisor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/assignment"), new { agentId = workspace.Auditor.Id }, workspace.Supervisor.Token, 404);
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).AssigneeId.ShouldBeNull();
    }

    [Fact]
    public async Task Tags_priority_and_status_sort_the_work()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");

        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Url(visitor, "/tags"), new { tag = "Billing" });
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Url(visitor, "/tags"), new { tag = "vip" });
        await app.Api().SendAsync(HttpMethod.Delete, Url(visitor, "/tags/vip"), null, workspace.Agent.Token, 200);
        await app.CommandAsync(workspace.Agent, HttpMethod.Put, Url(visitor, "/priority"), new { priority = "High" });
        var until = DateTimeOffset.UtcNow.AddHours(2);
        await app.CommandAsync(workspace.Agent, HttpMethod.Put, Url(visitor, "/status"), new { status = "Snoozed", snoozedUntil = until });

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.Tags.ShouldBe(["billing"]);
        item.Priority.ShouldBe(Priority.High);
        item.Status.ShouldBe(ThreadStatus.Snoozed);
        item.SnoozedUntil!.Value.ShouldBe(until, TimeSpan.FromMilliseconds(1));

        await visitor.SendAsync("Any news?");
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).Status.ShouldBe(ThreadStatus.Open, "the visitor's message wakes it");
    }

    [Fact]
    public async Task Bad_triage_requests_are_refused_and_change_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var sent = await visitor.SendAsync("Hi");

        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/tags"), new { tag = "" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/tags"), new { tag = "<script>" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/priority"), new { priority = "Enormous" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/status"), new { status = "Snoozed" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/status"),
            new { status = "Snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddMinutes(-1) }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Put, Url(visitor, "/status"), new { status = "Closed" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/reopen"), new { }, workspace.Agent.Token, 409);

        var events = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, sent.ThreadId);
        events.Max(e => e.Version).ShouldBe(sent.Version);
    }

    [Fact]
    public async Task A_closed_thread_takes_no_reply_until_it_is_reopened()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");

        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Url(visitor, "/close"), new { reason = "solved" });
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "One more thing", expect: 409);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Url(visitor, "/reopen"));
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "One more thing");

        var view = await app.ConversationAsync(workspace.Agent, visitor.ConversationId);
        view.Summary.Status.ShouldBe(ThreadStatus.Open);
        view.Conversation.Threads.Single().ClosedAt.ShouldBeNull();
        var history = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, view.Summary.ThreadId);
        var closed = history.Single(e => e.Type == "thread_closed");
        ((JsonElement)closed.Data).GetProperty("reason").GetString().ShouldBe("solved");
        ((JsonElement)closed.Data).GetProperty("closedBy").GetString().ShouldBe(workspace.Agent.Id.ToString());
        ((JsonElement)closed.Data).GetProperty("closedByKind").GetString().ShouldBe(nameof(AuthorKind.Agent));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API()
    {
        var document = await app.Api().SendAsync(HttpMethod.Get, "/openapi/v1.json", null, null, 200);

        document.ShouldContain("/api/visitor/messages");
        document.ShouldContain("/api/inbox");
    }
}
