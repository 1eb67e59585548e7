using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Domain.Threads;
using Chat.Projections.Audit;
using Chat.Projections.Conversations;
using Chat.Projections.Inbox;
using Chat.Projections.Threads;
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

    /// <summary>What the write side keeps beside the events: thread snapshots, message lookups, hash-chain links and heads.</summary>
    private async Task<string> WriteSideAsync(string workspaceId)
    {
        await using var session = app.Store.QuerySession(workspaceId);
        var threads = await session.Query<ChatThread>().OrderBy(t => t.Id).ToListAsync();
        var messages = await session.Query<ThreadMessage>().OrderBy(m => m.Id).ToListAsync();
        var links = await session.Query<ChainLink>().OrderBy(l => l.ConversationId).ThenBy(l => l.Position).ToListAsync();
        var heads = await session.Query<ChainHead>().OrderBy(h => h.Id).ToListAsync();
        return JsonSerializer.Serialize(new { threads, messages, links, heads });
    }

    /// <summary>Rebuilds the projections for one workspace, so that other tests' writes meanwhile do not meet the rebuild.</summary>
    private async Task RebuildAsync(string workspaceId, params string[] projections)
    {
        using var daemon = await app.Store.BuildProjectionDaemonAsync();
        foreach (var projection in projections)
            await daemon.RebuildProjectionAsync(projection, workspaceId, TimeSpan.FromMinutes(2), CancellationToken.None);
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

        await RebuildAsync(workspace.Id, nameof(InboxItem), nameof(ConversationDetail));

        (await ReadModelsAsync(workspace.Id)).ShouldBe(live);
    }

    [Fact]
    public async Task Thread_write_models_message_lookups_and_hash_chains_rebuilt_from_the_events_equal_the_live_ones()
    {
        var workspace = await app.NewWorkspaceAsync();
        for (var i = 0; i < 2; i++)
        {
            var visitor = await workspace.NewVisitorAsync($"Visitor {i}");
            await visitor.SendAsync("Hello");
            var reply = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hi thre");
            var url = $"/api/conversations/{visitor.ConversationId}";
            await app.Api().SendAsync(HttpMethod.Patch, $"{url}/messages/{reply.MessageId}", new { text = "Hi there" }, workspace.Agent.Token, 200);
            var note = await app.Api().PostAsync<SentMessage>($"{url}/notes",
                new { text = "Wrong customer", clientMessageId = $"note-{i}" }, workspace.Agent.Token, 201);
            await app.Api().SendAsync(HttpMethod.Delete, $"{url}/messages/{note.MessageId}", null, workspace.Agent.Token, 200);
            await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"{url}/close");
            await visitor.SendAsync("One more thing");
        }
        var live = await WriteSideAsync(workspace.Id);
        await using (var session = app.Store.LightweightSession(workspace.Id))
        {
            session.DeleteWhere<ChatThread>(_ => true);
            session.DeleteWhere<ThreadMessage>(_ => true);
            session.DeleteWhere<ChainLink>(_ => true);
            session.DeleteWhere<ChainHead>(_ => true);
            await session.SaveChangesAsync();
        }
        (await WriteSideAsync(workspace.Id)).ShouldNotBe(live, "the documents were lost");

        await RebuildAsync(workspace.Id, nameof(ChatThread), nameof(ThreadMessage), nameof(ChainHead));

        (await WriteSideAsync(workspace.Id)).ShouldBe(live);
    }
}
