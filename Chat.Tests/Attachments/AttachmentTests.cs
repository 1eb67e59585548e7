using System.Net;
using Chat.Api.Attachments;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Visitors;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Attachments;

/// <summary>Files in conversations: checked when they arrive, carried by messages, served only to those who read the conversation.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class AttachmentTests(ChatApp app)
{
    private const string VisitorUploads = "/api/visitor/attachments";
    private static string StaffUploads(Guid conversationId) => $"/api/conversations/{conversationId}/attachments";

    private async Task<(TestWorkspace Workspace, TestVisitor Visitor, SentMessage First)> ConversationAsync()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        return (workspace, visitor, await visitor.SendAsync("Hello"));
    }

    private Task<SentMessage> VisitorSendsAsync(TestVisitor visitor, string text, params Guid[] attachmentIds) =>
        app.Api().PostAsync<SentMessage>("/api/visitor/messages",
            new { text, clientMessageId = Guid.NewGuid().ToString(), attachmentIds }, visitor.Token, 201);

    private Task<SentMessage> AgentRepliesAsync(TestAgent agent, Guid conversationId, string text, params Guid[] attachmentIds) =>
        app.Api().PostAsync<SentMessage>($"/api/conversations/{conversationId}/messages",
            new { text, clientMessageId = Guid.NewGuid().ToString(), attachmentIds }, agent.Token, 201);

    [Fact]
    public async Task A_visitors_image_of_several_chunks_reaches_the_agent_byte_for_byte_with_its_hash_in_the_event()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var image = Files.Png(PostgresAttachmentStore.ChunkBytes * 2 + 1234);

        var uploaded = await app.UploadedAsync(VisitorUploads, image, "image/png", "screenshot.png", visitor.Token);
        var sent = await VisitorSendsAsync(visitor, "", uploaded.AttachmentId);

        var expected = new AttachedFile(uploaded.AttachmentId, "screenshot.png", "image/png", image.Length, Files.Sha256(image));
        uploaded.ShouldBe(expected);
        await using (var session = app.Store.QuerySession(workspace.Id))
        {
            var posted = (await session.Events.FetchStreamAsync(sent.ThreadId)).Select(e => e.Data).OfType<MessagePosted>()
                .Single(m => m.MessageId == sent.MessageId);
            posted.Attachments.ShouldBe([expected]);
            posted.Text.ShouldBe("");
        }

        foreach (var (url, token) in new[] { ($"/api/attachments/{uploaded.AttachmentId}", workspace.Agent.Token),
                     ($"{VisitorUploads}/{uploaded.AttachmentId}", visitor.Token) })
        {
            var fetched = await app.FetchAsync(url, token);
            fetched.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await fetched.Content.ReadAsByteArrayAsync()).ShouldBe(image);
            fetched.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            fetched.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
            fetched.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        }
        var agentView = await app.ConversationAsync(workspace.Agent, visitor.ConversationId);
        agentView.CurrentThread!.Messages.Single(m => m.MessageId == sent.MessageId).Attachments.ShouldBe([expected]);
    }

    [Fact]
    public async Task An_agents_file_reaches_the_visitor_as_a_download_named_as_uploaded()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var pdf = Files.Pdf();

        var uploaded = await app.UploadedAsync(StaffUploads(visitor.ConversationId), pdf, "application/pdf", "../../Rechnung März.pdf",
            workspace.Agent.Token);
        await AgentRepliesAsync(workspace.Agent, visitor.ConversationId, "Your receipt", uploaded.AttachmentId);

        uploaded.Name.ShouldBe("Rechnung März.pdf");
        var conversation = await app.Api().GetAsync<VisitorConversationView>("/api/visitor/conversation", visitor.Token);
        conversation.CurrentMessages.Single(m => m.Text == "Your receipt").Attachments.Single().ShouldBe(uploaded);
        var fetched = await app.FetchAsync($"{VisitorUploads}/{uploaded.AttachmentId}", visitor.Token);
        fetched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fetched.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        fetched.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        fetched.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("Rechnung März.pdf");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_413_whether_or_not_its_length_is_announced()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var tooLarge = Files.Png((int)ChatApp.MaxAttachmentBytes + 1);

        await app.RefusedUploadAsync(VisitorUploads, tooLarge, "image/png", visitor.Token, HttpStatusCode.RequestEntityTooLarge);
        await app.RefusedUploadAsync(VisitorUploads, tooLarge, "image/png", visitor.Token, HttpStatusCode.RequestEntityTooLarge, withLength: false);
        await app.RefusedUploadAsync(StaffUploads(visitor.ConversationId), tooLarge, "image/png", workspace.Agent.Token,
            HttpStatusCode.RequestEntityTooLarge, withLength: false);

        (await app.UploadedAsync(VisitorUploads, Files.Png((int)ChatApp.MaxAttachmentBytes), "image/png", "max.png", visitor.Token))
            .Size.ShouldBe(ChatApp.MaxAttachmentBytes);
        await NothingStoredButAsync(workspace, 1);
    }

    [Fact]
    public async Task A_refused_type_and_bytes_that_are_not_what_they_claim_are_refused_with_415()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();

        await app.RefusedUploadAsync(VisitorUploads, svg, "image/svg+xml", visitor.Token, HttpStatusCode.UnsupportedMediaType);
        await app.RefusedUploadAsync(VisitorUploads, svg, "image/png", visitor.Token, HttpStatusCode.UnsupportedMediaType);
        await app.RefusedUploadAsync(VisitorUploads, Files.Png(100), "image/jpeg", visitor.Token, HttpStatusCode.UnsupportedMediaType);
        await app.RefusedUploadAsync(StaffUploads(visitor.ConversationId), Files.Pdf(), "image/gif", workspace.Agent.Token,
            HttpStatusCode.UnsupportedMediaType);
        await app.RefusedUploadAsync(VisitorUploads, [], "text/plain", visitor.Token, HttpStatusCode.BadRequest);
        await NothingStoredButAsync(workspace, 0);
    }

    [Fact]
    public async Task Another_workspaces_attachment_and_another_visitors_are_unknown()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var uploaded = await app.UploadedAsync(VisitorUploads, Files.Png(64), "image/png", "mine.png", visitor.Token);
        await VisitorSendsAsync(visitor, "see", uploaded.AttachmentId);
        var other = await app.NewWorkspaceAsync();
        var stranger = await workspace.NewVisitorAsync("Stranger");
        await stranger.SendAsync("Hi");

        (await app.FetchAsync($"/api/attachments/{uploaded.AttachmentId}", other.Agent.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.FetchAsync($"/api/audit/attachments/{uploaded.AttachmentId}", other.Auditor.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.FetchAsync($"{VisitorUploads}/{uploaded.AttachmentId}", stranger.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.FetchAsync($"/api/attachments/{Guid.NewGuid()}", workspace.Agent.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = "mine now", clientMessageId = "steal", attachmentIds = new[] { uploaded.AttachmentId } }, stranger.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/messages",
            new { text = "x", clientMessageId = "y", attachmentIds = new[] { uploaded.AttachmentId } }, other.Agent.Token, 404);
    }

    [Fact]
    public async Task An_upload_goes_with_one_message_and_a_resend_of_that_message_is_a_repeat()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var uploaded = await app.UploadedAsync(VisitorUploads, Files.Png(64), "image/png", "once.png", visitor.Token);
        var body = new { text = "one", clientMessageId = "with-file", attachmentIds = new[] { uploaded.AttachmentId } };

        var sent = await app.Api().PostAsync<SentMessage>("/api/visitor/messages", body, visitor.Token, 201);
        var again = await app.Api().PostAsync<SentMessage>("/api/visitor/messages", body, visitor.Token, 200);

        again.MessageId.ShouldBe(sent.MessageId);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = "two", clientMessageId = "other", attachmentIds = new[] { uploaded.AttachmentId } }, visitor.Token, 409);
        // Before it is sent, an upload is its uploader's alone.
        var unsent = await app.UploadedAsync(StaffUploads(visitor.ConversationId), Files.Png(64), "image/png", "draft.png", workspace.Agent.Token);
        (await app.FetchAsync($"{VisitorUploads}/{unsent.AttachmentId}", visitor.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.FetchAsync($"/api/attachments/{unsent.AttachmentId}", workspace.Agent.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/notes",
            new { text = "note", clientMessageId = "n", attachmentIds = new[] { unsent.AttachmentId } }, workspace.Agent.Token, 400);
    }

    [Fact]
    public async Task Deleting_a_message_hides_its_file_from_agents_and_the_visitor_but_not_from_auditors()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var image = Files.Png(500);
        var uploaded = await app.UploadedAsync(StaffUploads(visitor.ConversationId), image, "image/png", "wrong.png", workspace.Agent.Token);
        var reply = await AgentRepliesAsync(workspace.Agent, visitor.ConversationId, "oops", uploaded.AttachmentId);

        await app.Api().SendAsync(HttpMethod.Delete, $"/api/conversations/{visitor.ConversationId}/messages/{reply.MessageId}", null,
            workspace.Agent.Token, 200);

        (await app.FetchAsync($"/api/attachments/{uploaded.AttachmentId}", workspace.Agent.Token)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.FetchAsync($"/api/attachments/{uploaded.AttachmentId}", workspace.Auditor.Token)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.FetchAsync($"{VisitorUploads}/{uploaded.AttachmentId}", visitor.Token)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        var audited = await app.FetchAsync($"/api/audit/attachments/{uploaded.AttachmentId}", workspace.Auditor.Token);
        audited.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await audited.Content.ReadAsByteArrayAsync()).ShouldBe(image);
        (await app.FetchAsync($"/api/audit/attachments/{uploaded.AttachmentId}", workspace.Agent.Token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!.Messages
            .Single(m => m.MessageId == reply.MessageId).Attachments.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_upload_no_message_carries_is_deleted_after_a_day_while_a_sent_one_and_a_fresh_one_stay()
    {
        var (workspace, visitor, _) = await ConversationAsync();
        var sent = await app.UploadedAsync(VisitorUploads, Files.Png(2000), "image/png", "sent.png", visitor.Token);
        await VisitorSendsAsync(visitor, "", sent.AttachmentId);
        var forgotten = await app.UploadedAsync(VisitorUploads, Files.Png(3000), "image/png", "forgotten.png", visitor.Token);
        var fresh = await app.UploadedAsync(VisitorUploads, Files.Png(4000), "image/png", "fresh.png", visitor.Token);
        // The sent one and the forgotten one were uploaded a day and a half ago.
        await using (var session = app.Store.LightweightSession(workspace.Id))
        {
            foreach (var id in new[] { sent.AttachmentId, forgotten.AttachmentId })
                session.Store((await session.LoadAsync<AttachmentUpload>(id))! with { UploadedAt = DateTimeOffset.UtcNow.AddHours(-36) });
            await session.SaveChangesAsync();
        }
        var sweeper = app.Host.Services.GetRequiredService<UnsentUploadSweeper>();

        await sweeper.SweepAsync(DateTimeOffset.UtcNow.AddHours(-24), CancellationToken.None);

        await NothingStoredButAsync(workspace, 2);
        (await app.FetchAsync($"{VisitorUploads}/{sent.AttachmentId}", visitor.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.FetchAsync($"{VisitorUploads}/{forgotten.AttachmentId}", visitor.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.Api().SendAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = "", clientMessageId = "late", attachmentIds = new[] { forgotten.AttachmentId } }, visitor.Token, 404);
        await VisitorSendsAsync(visitor, "", fresh.AttachmentId);
    }

    private async Task NothingStoredButAsync(TestWorkspace workspace, int count)
    {
        await using var session = app.Store.QuerySession(workspace.Id);
        (await session.Query<AttachmentUpload>().CountAsync()).ShouldBe(count);
        await using var connection = app.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var chunks = new Npgsql.NpgsqlCommand(
            "select count(distinct attachment_id) from chat.attachment_chunks where tenant_id = $1", connection);
        chunks.Parameters.Add(new Npgsql.NpgsqlParameter { Value = workspace.Id });
        ((long)(await chunks.ExecuteScalarAsync())!).ShouldBe(count);
    }
}
