using System.Text.Json;
using Chat.Api.Audit;
using Chat.Api.Conversations;
using Chat.Tests.Support;

namespace Chat.Tests.Audit;

[Collection(ChatAppCollection.Name)]
public sealed class AuditTrailTests(ChatApp app)
{
    private static string Url(TestVisitor visitor, string rest) => $"/api/audit/conversations/{visitor.ConversationId}{rest}";

    /// <summary>Two threads: a question answered, a note, an edit, a close; then the visitor returns.</summary>
    private async Task<(TestWorkspace Workspace, TestVisitor Visitor, SentMessage Reply)> ConversationWithHistoryAsync()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync("Ann");
        await visitor.SendAsync("Where is my parcel?");
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "It ships tomorow");
        await app.Api().PostAsync<SentMessage>($"/api/conversations/{visitor.ConversationId}/notes",
            new { text = "Warehouse delay", clientMessageId = "n-1" }, workspace.Agent.Token, 201);
        await app.Api().SendAsync(HttpMethod.Patch, $"/api/conversations/{visitor.ConversationId}/messages/{reply.MessageId}",
            new { text = "It ships tomorrow" }, workspace.Agent.Token, 200);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close", new { reason = "answered" });
        await visitor.SendAsync("It did not arrive");
        return (workspace, visitor, reply);
    }

    [Fact]
    public async Task The_history_lists_every_fact_of_both_streams_in_stored_order_with_actor_time_version_and_payload()
    {
        var (workspace, visitor, reply) = await ConversationWithHistoryAsync();

        var history = await app.Api().GetAsync<List<AuditEntry>>(Url(visitor, "/history"), workspace.Auditor.Token);

        history.Select(e => e.Position).ShouldBe(Enumerable.Range(1, history.Count));
        history.Select(e => e.Sequence).ShouldBeInOrder();
        history[0].Type.ShouldBe("conversation_started");
        history[0].Actor.ShouldBe(new Chat.Contracts.IntegrationActor("visitor", visitor.Id));
        history.Select(e => e.StreamId).Distinct().Count().ShouldBe(3, "the conversation stream and two thread streams");
        var edit = history.Single(e => e.Type == "message_edited");
        edit.Actor.ShouldBe(new Chat.Contracts.IntegrationActor("agent", workspace.Agent.Id.ToString()));
        edit.Stream.ShouldBe("thread");
        var original = history.Single(e => e.Type == "message_posted" && ((JsonElement)e.Data).GetProperty("messageId").GetGuid() == reply.MessageId);
        ((JsonElement)original.Data).GetProperty("text").GetString().ShouldBe("It ships tomorow", "the original stays in the history");
        original.Version.ShouldBe(reply.Version);
        history.ShouldContain(e => e.Type == "private_note_added");
    }

    [Fact]
    public async Task The_state_as_of_a_position_or_a_time_is_the_conversation_as_it_stood_then()
    {
        var (workspace, visitor, reply) = await ConversationWithHistoryAsync();
        var history = await app.Api().GetAsync<List<AuditEntry>>(Url(visitor, "/history"), workspace.Auditor.Token);
        var beforeEdit = history.First(e => e.Type == "message_edited").Position - 1;

        var then = await app.Api().GetAsync<ConversationState>(Url(visitor, $"/state?position={beforeEdit}"), workspace.Auditor.Token);
        var asOfTime = await app.Api().GetAsync<ConversationState>(
            Url(visitor, $"/state?at={Uri.EscapeDataString(history[beforeEdit - 1].At.ToString("O"))}"), workspace.Auditor.Token);
        var now = await app.Api().GetAsync<ConversationState>(Url(visitor, "/state"), workspace.Auditor.Token);

        then.Threads.Single().Messages.Single(m => m.MessageId == reply.MessageId).Text.ShouldBe("It ships tomorow");
        then.Conversation!.Threads.Single().Status.ShouldBe(Chat.Domain.Threads.ThreadStatus.Open);
        asOfTime.Position.ShouldBeGreaterThanOrEqualTo(beforeEdit);
        now.Threads.Count.ShouldBe(2);
        now.Threads[0].Messages.Single(m => m.MessageId == reply.MessageId).Text.ShouldBe("It ships tomorrow");
        now.Conversation!.Threads[0].CloseReason.ShouldBe("answered");
        await app.Api().RefusedAsync(HttpMethod.Get, Url(visitor, "/state?position=0"), null, workspace.Auditor.Token, 400);
    }

    [Fact]
    public async Task Transcripts_export_as_json_and_as_plain_text()
    {
        var (workspace, visitor, _) = await ConversationWithHistoryAsync();

        var json = await app.Api().GetAsync<Transcript>(Url(visitor, "/transcript?format=json"), workspace.Auditor.Token);
        var text = await app.Api().SendAsync(HttpMethod.Get, Url(visitor, "/transcript?format=text"), null, workspace.Auditor.Token, 200);

        json.Threads.Select(t => t.Messages.Count).ShouldBe([3, 1]);
        text.ShouldContain("Conversation " + visitor.ConversationId + " with Ann");
        text.ShouldContain("It ships tomorrow (edited)");
        text.ShouldContain($"note by agent {workspace.Agent.Id}: Warehouse delay");
        text.ShouldContain("closed by " + workspace.Agent.Id + ": answered");
        text.ShouldContain("Thread 2");
        await app.Api().RefusedAsync(HttpMethod.Get, Url(visitor, "/transcript?format=pdf"), null, workspace.Auditor.Token, 400);
    }

    [Fact]
    public async Task Only_auditors_supervisors_and_admins_of_the_workspace_read_it_and_nobody_writes_through_it()
    {
        var (workspace, visitor, _) = await ConversationWithHistoryAsync();
        var other = await app.NewWorkspaceAsync();

        await app.Api().RefusedAsync(HttpMethod.Get, Url(visitor, "/history"), null, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Get, Url(visitor, "/history"), null, visitor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Get, Url(visitor, "/history"), null, other.Auditor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/history"), new { }, workspace.Auditor.Token, 405);
        await app.Api().GetAsync<List<AuditEntry>>(Url(visitor, "/history"), workspace.Supervisor.Token);
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/audit/conversations/{Guid.NewGuid()}/history", null, workspace.Auditor.Token, 404);
    }
}
