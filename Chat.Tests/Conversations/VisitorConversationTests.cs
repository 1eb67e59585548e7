using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Reading;
using Chat.Api.Conversations.Visitors;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Projections.Live;
using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

[Collection(ChatAppCollection.Name)]
public sealed class VisitorConversationTests(ChatApp app)
{
    [Fact]
    public async Task A_visitors_first_message_starts_a_conversation_that_waits_in_the_inbox()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync("Ann");

        var sent = await visitor.SendAsync("Hello, I need help with my order");

        sent.ConversationId.ShouldBe(visitor.ConversationId);
        sent.Version.ShouldBe(3, "thread started, thread queued, then the message");
        sent.Duplicate.ShouldBeFalse();
        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.VisitorName.ShouldBe("Ann");
        item.Status.ShouldBe(ThreadStatus.Queued);
        item.AssigneeId.ShouldBeNull();
        item.LastMessagePreview.ShouldBe("Hello, I need help with my order");
        item.LastMessageAuthor.ShouldBe(AuthorKind.Visitor);
        item.UnreadForAgents.ShouldBe(1);
        item.WaitingSince.ShouldNotBeNull();
        item.Group.ShouldBe("default");
    }

    [Fact]
    public async Task A_repeated_client_message_id_returns_the_original_message_and_appends_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var first = await visitor.SendAsync("Are you there?", "client-1");

        var again = await visitor.SendAsync("Are you there?", "client-1", expect: 200);

        again.ShouldBe(first with { Duplicate = true });
        var events = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, first.ThreadId);
        events.Count(e => e.Type == "message_posted").ShouldBe(1);
        events.Max(e => e.Version).ShouldBe(first.Version);
    }

    [Fact]
    public async Task The_visitor_reads_the_thread_after_a_version_without_private_notes()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var first = await visitor.SendAsync("Hi");
        await app.Api().PostAsync<SentMessage>($"/api/conversations/{visitor.ConversationId}/notes",
            new { text = "VIP customer", clientMessageId = "n1" }, workspace.Agent.Token, 201);
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello! How can I help?");

        var entries = await app.Api().GetAsync<List<LiveEvent>>($"/api/visitor/events?after={first.Version}", visitor.Token);

        entries.Select(e => e.Type).ShouldBe(["thread_assigned", "message_posted"]);
        entries[^1].Version.ShouldBe(reply.Version);
        ((JsonElement)entries[^1].Data).GetProperty("text").GetString().ShouldBe("Hello! How can I help?");
        var staffEntries = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, first.ThreadId, first.Version);
        staffEntries.Select(e => e.Type).ShouldContain("private_note_added");
    }

    [Fact]
    public async Task The_visitor_sees_their_conversation_and_its_messages_but_no_notes()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        await app.Api().PostAsync<SentMessage>($"/api/conversations/{visitor.ConversationId}/notes",
            new { text = "internal", clientMessageId = "n1" }, workspace.Agent.Token, 201);
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");

        var view = await app.Api().GetAsync<VisitorConversationView>("/api/visitor/conversation", visitor.Token);

        view.ConversationId.ShouldBe(visitor.ConversationId);
        view.Threads.Count.ShouldBe(1);
        view.CurrentMessages.Select(m => m.Text).ShouldBe(["Hi", "Hello"]);
    }

    [Fact]
    public async Task Read_marks_on_both_sides_clear_the_unread_counts()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("one");
        var second = await visitor.SendAsync("two");
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "answer");
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).UnreadForVisitor.ShouldBe(1);

        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/read",
            new { upToVersion = second.Version });
        await app.Api().PostAsync<ThreadPosition>("/api/visitor/read", new { upToVersion = reply.Version }, visitor.Token);

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.UnreadForAgents.ShouldBe(0);
        item.UnreadForVisitor.ShouldBe(0);
        var transcript = (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!;
        transcript.AgentReadVersion.ShouldBe(second.Version);
        transcript.VisitorReadVersion.ShouldBe(reply.Version);
    }

    [Fact]
    public async Task A_visitor_writing_after_a_close_opens_a_new_thread_in_the_same_conversation()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var first = await visitor.SendAsync("First question");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close", new { reason = "answered" });

        var next = await visitor.SendAsync("One more thing");

        next.ConversationId.ShouldBe(first.ConversationId);
        next.ThreadId.ShouldNotBe(first.ThreadId);
        var view = await app.ConversationAsync(workspace.Agent, visitor.ConversationId);
        view.Conversation.Threads.Select(t => (t.Number, t.Status)).ShouldBe([(1, ThreadStatus.Closed), (2, ThreadStatus.Queued)]);
        view.Conversation.Threads[0].CloseReason.ShouldBe("answered");
        view.Summary.ThreadNumber.ShouldBe(2);
        view.CurrentThread!.Messages.Single().Text.ShouldBe("One more thing");
    }

    [Fact]
    public async Task A_returning_visitor_with_their_previous_token_keeps_their_conversation()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();

        var again = await app.Api().PostAsync<Chat.Api.Identity.WidgetSession>("/api/widget/sessions",
            new { widgetKey = workspace.Workspace.WidgetKey, previousToken = visitor.Token }, null);
        var stranger = await app.Api().PostAsync<Chat.Api.Identity.WidgetSession>("/api/widget/sessions",
            new { widgetKey = workspace.Workspace.WidgetKey, previousToken = visitor.Token[..^4] + "AAAA" }, null);

        again.VisitorId.ShouldBe(visitor.Id);
        again.ConversationId.ShouldBe(visitor.ConversationId);
        stranger.VisitorId.ShouldNotBe(visitor.Id, "a forged token must not buy someone else's conversation");
    }

    [Fact]
    public async Task The_visitor_rates_a_thread_an_agent_answered_once()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/rating", new { score = 5 }, visitor.Token, 409);
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");

        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/rating", new { score = 6 }, visitor.Token, 400);
        await app.Api().PostAsync<ThreadPosition>("/api/visitor/rating", new { score = 4, comment = "quick" }, visitor.Token);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/rating", new { score = 5 }, visitor.Token, 409);

        var thread = (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).Conversation.Threads.Single();
        thread.Rating.ShouldBe(4);
        thread.RatingComment.ShouldBe("quick");
    }
}
