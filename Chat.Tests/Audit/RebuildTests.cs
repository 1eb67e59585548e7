using System.Text.Json;
using Chat.Projections.Conversations;
using Chat.Projections.Inbox;
using Chat.Tests.Support;
using Marten;

namespace Chat.Tests.Audit;

[Collection(ChatAppCollection.Name)]
public sealed class RebuildTests(ChatApp app)
{
    private async Task<string> ReadModelsAsync(string workspaceId)
    {
        await using var session = app.Store.QuerySession(workspaceId);
        var inbox = await session.Query<InboxItem>().OrderBy(i => i.Id).ToListAsync();
        var details = await session.Query<ConversationDetail>().OrderBy(d => d.Id).ToListAsync();
        return JsonSerializer.Serialize(new { inbox, details });
    }

    [Fact]
    public async Task Read_models_rebuilt_from_the_events_equal_the_live_ones()
    {
        var workspace = await app.NewWorkspaceAsync();
        for (var i = 0; i < 3; i++)
        {
            var visitor = await workspace.NewVisitorAsync($"Visitor {i}");
            await visitor.SendAsync("Hello");
            await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hi there");
            await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/tags", new { tag = $"tag-{i}" });
            if (i == 0) await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close");
        }
        var live = await ReadModelsAsync(workspace.Id);
        await using (var session = app.Store.LightweightSession(workspace.Id))
        {
            session.DeleteWhere<InboxItem>(_ => true);
            session.DeleteWhere<ConversationDetail>(_ => true);
            await session.SaveChangesAsync();
        }
        (await ReadModelsAsync(workspace.Id)).ShouldNotBe(live, "the read models were lost");

        using var daemon = await app.Store.BuildProjectionDaemonAsync();
        foreach (var projection in new[] { nameof(InboxItem), nameof(ConversationDetail) })
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(2), CancellationToken.None);

        (await ReadModelsAsync(workspace.Id)).ShouldBe(live);
    }
}
