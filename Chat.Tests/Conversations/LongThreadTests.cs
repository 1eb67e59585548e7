using Chat.Api.Audit;
using Chat.Api.Conversations;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Tests.Support;
using Npgsql;

namespace Chat.Tests.Conversations;

/// <summary>
/// A message costs the same in a long thread as in a short one: nothing the service rewrites per message
/// grows with the thread, and what a command needs of an old message is found by index.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class LongThreadTests(ChatApp app)
{
    private sealed record StartedThread(TestWorkspace Workspace, TestVisitor Visitor, SentMessage Question, SentMessage Reply)
    {
        public Guid Id => Question.ThreadId;
    }

    /// <summary>A visitor's question and an agent's reply, through the API, with the client message ids given.</summary>
    private async Task<StartedThread> StartAsync()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var question = await visitor.SendAsync("Where is my parcel?", "question-1");
        var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "It ships tomorow", "reply-1");
        return new StartedThread(workspace, visitor, question, reply);
    }

    /// <summary>
    /// Grows the thread to the given number of messages, visitor and agent in turn, appended straight to the
    /// store in transactions of a hundred events: the inline projections do what they do for the API's posts.
    /// </summary>
    private async Task GrowToAsync(StartedThread thread, int messages)
    {
        await using var query = app.Store.QuerySession(thread.Workspace.Id);
        var existing = (await query.Events.FetchStreamAsync(thread.Id)).Count(e => e.Data is MessagePosted);
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in Enumerable.Range(existing, messages - existing).Chunk(100))
        {
            await using var session = app.Store.LightweightSession(thread.Workspace.Id);
            session.Events.Append(thread.Id, [.. chunk.Select(n => (object)(n % 2 == 0
                ? new MessagePosted(thread.Visitor.ConversationId, thread.Id, Guid.CreateVersion7(), AuthorKind.Visitor, thread.Visitor.Id,
                    $"Question {n}", $"visitor-{n}", now)
                : new MessagePosted(thread.Visitor.ConversationId, thread.Id, Guid.CreateVersion7(), AuthorKind.Agent,
                    thread.Workspace.Agent.Id.ToString(), $"Answer {n}", $"agent-{n}", now)))]);
            await session.SaveChangesAsync();
        }
    }

    /// <summary>The bytes of the stored documents rewritten with every message: the thread's write model and its conversation's chain head.</summary>
    private static async Task<(int WriteModel, int ChainHead)> StoredSizesAsync(StartedThread thread)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        async Task<int> SizeAsync(string table, Guid id)
        {
            await using var command = new NpgsqlCommand($"select octet_length(data::text) from chat.{table} where id = $1", connection)
            {
                Parameters = { new() { Value = id } },
            };
            return (int)(await command.ExecuteScalarAsync())!;
        }
        return (await SizeAsync("mt_doc_chatthread", thread.Id), await SizeAsync("mt_doc_chainhead", thread.Visitor.ConversationId));
    }

    [Fact]
    public async Task In_a_thousand_message_thread_a_resend_of_the_first_messages_returns_them_and_appends_nothing()
    {
        var thread = await StartAsync();
        await GrowToAsync(thread, 1000);

        var question = await thread.Visitor.SendAsync("Where is my parcel?", "question-1", expect: 200);
        var reply = await app.ReplyAsync(thread.Workspace.Agent, thread.Visitor.ConversationId, "It ships tomorow", "reply-1", expect: 200);

        question.ShouldBe(thread.Question with { Duplicate = true });
        reply.ShouldBe(thread.Reply with { Duplicate = true });
        var view = await app.ConversationAsync(thread.Workspace.Agent, thread.Visitor.ConversationId);
        view.CurrentThread!.Messages.Count.ShouldBe(1000);
    }

    [Fact]
    public async Task In_a_thousand_message_thread_the_first_reply_is_edited_by_its_author_and_by_nobody_else()
    {
        var thread = await StartAsync();
        await GrowToAsync(thread, 1000);
        var url = $"/api/conversations/{thread.Visitor.ConversationId}/messages/{thread.Reply.MessageId}";

        await app.Api().SendAsync(HttpMethod.Patch, url, new { text = "It ships tomorrow" }, thread.Workspace.Agent.Token, 200);
        await app.Api().RefusedAsync(HttpMethod.Patch, url, new { text = "Mine now" }, thread.Workspace.OtherAgent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Delete, url, null, thread.Workspace.OtherAgent.Token, 403);

        var view = await app.ConversationAsync(thread.Workspace.Agent, thread.Visitor.ConversationId);
        view.CurrentThread!.Messages.Single(m => m.MessageId == thread.Reply.MessageId).Text.ShouldBe("It ships tomorrow");
    }

    [Fact]
    public async Task The_stored_write_model_and_chain_head_are_as_large_at_a_thousand_messages_as_at_ten_and_the_chain_verifies()
    {
        var thread = await StartAsync();
        await GrowToAsync(thread, 10);
        var atTen = await StoredSizesAsync(thread);

        await GrowToAsync(thread, 1000);
        var atThousand = await StoredSizesAsync(thread);

        // Only the digits of the versions and counts they hold may grow.
        atThousand.WriteModel.ShouldBeInRange(atTen.WriteModel, atTen.WriteModel + 4);
        atThousand.ChainHead.ShouldBeInRange(atTen.ChainHead, atTen.ChainHead + 4);
        var report = await app.Api().GetAsync<ChainReport>($"/api/audit/conversations/{thread.Visitor.ConversationId}/verify",
            thread.Workspace.Auditor.Token);
        report.Valid.ShouldBeTrue();
        report.CheckedEvents.ShouldBeGreaterThan(1000);
    }
}
