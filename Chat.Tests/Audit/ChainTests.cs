using Chat.Api.Audit;
using Chat.Tests.Support;
using Npgsql;

namespace Chat.Tests.Audit;

[Collection(ChatAppCollection.Name)]
public sealed class ChainTests(ChatApp app)
{
    private async Task<(TestWorkspace, TestVisitor, List<AuditEntry>)> ConversationAsync()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("One");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Two");
        await visitor.SendAsync("Three");
        var history = await app.Api().GetAsync<List<AuditEntry>>($"/api/audit/conversations/{visitor.ConversationId}/history", workspace.Auditor.Token);
        return (workspace, visitor, history);
    }

    private Task<ChainReport> VerifyAsync(TestWorkspace workspace, TestVisitor visitor) =>
        app.Api().GetAsync<ChainReport>($"/api/audit/conversations/{visitor.ConversationId}/verify", workspace.Auditor.Token);

    private static async Task ExecuteAsync(string sql, Guid eventId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = eventId } } };
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task An_untouched_history_verifies()
    {
        var (workspace, visitor, history) = await ConversationAsync();

        var report = await VerifyAsync(workspace, visitor);

        report.Valid.ShouldBeTrue();
        report.CheckedEvents.ShouldBe(history.Count);
        report.FirstBrokenLink.ShouldBeNull();
    }

    [Fact]
    public async Task An_event_altered_in_the_database_breaks_the_chain_at_that_event()
    {
        var (workspace, visitor, history) = await ConversationAsync();
        var altered = history.Single(e => e.Type == "message_posted" && e.Actor.Kind == "agent");

        await ExecuteAsync("update chat.mt_events set data = jsonb_set(data, '{text}', '\"Something else\"') where id = $1", altered.EventId);

        var report = await VerifyAsync(workspace, visitor);
        report.Valid.ShouldBeFalse();
        report.FirstBrokenLink!.EventId.ShouldBe(altered.EventId);
        report.FirstBrokenLink.Sequence.ShouldBe(altered.Sequence);
        report.FirstBrokenLink.Reason.ShouldContain("content");
        report.CheckedEvents.ShouldBe(altered.Position - 1);
    }

    [Fact]
    public async Task An_event_deleted_from_the_database_breaks_the_chain_where_it_was()
    {
        var (workspace, visitor, history) = await ConversationAsync();
        var deleted = history.First(e => e.Type == "message_posted");

        await ExecuteAsync("delete from chat.mt_events where id = $1", deleted.EventId);

        var report = await VerifyAsync(workspace, visitor);
        report.Valid.ShouldBeFalse();
        report.FirstBrokenLink!.EventId.ShouldBe(deleted.EventId);
        report.FirstBrokenLink.Reason.ShouldContain("missing");
    }
}
