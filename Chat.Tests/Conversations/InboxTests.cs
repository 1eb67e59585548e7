using Chat.Api.Inbox;
using Chat.Domain.Threads;
using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

[Collection(ChatAppCollection.Name)]
public sealed class InboxTests(ChatApp app)
{
    private async Task<List<Guid>> InboxAsync(TestAgent agent, string query) =>
        [.. (await app.Api().GetAsync<InboxPage>($"/api/inbox?{query}", agent.Token)).Items.Select(i => i.Id)];

    [Fact]
    public async Task Filters_for_mine_unassigned_status_group_and_tag_combine()
    {
        var workspace = await app.NewWorkspaceAsync();
        var waiting = await workspace.NewVisitorAsync(group: "sales");
        await waiting.SendAsync("Waiting for someone");
        var mine = await workspace.NewVisitorAsync(group: "sales");
        await mine.SendAsync("Hi");
        await app.ReplyAsync(workspace.Agent, mine.ConversationId, "I'm on it");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{mine.ConversationId}/tags", new { tag = "refund" });
        var theirs = await workspace.NewVisitorAsync(group: "support");
        await theirs.SendAsync("Hello");
        await app.ReplyAsync(workspace.OtherAgent, theirs.ConversationId, "Hello back");
        await app.CommandAsync(workspace.OtherAgent, HttpMethod.Post, $"/api/conversations/{theirs.ConversationId}/tags", new { tag = "refund" });
        await app.CommandAsync(workspace.OtherAgent, HttpMethod.Put, $"/api/conversations/{theirs.ConversationId}/status", new { status = "Pending" });

        (await InboxAsync(workspace.Agent, "view=mine")).ShouldBe([mine.ConversationId]);
        (await InboxAsync(workspace.Agent, "view=unassigned")).ShouldBe([waiting.ConversationId]);
        (await InboxAsync(workspace.Agent, "status=Pending")).ShouldBe([theirs.ConversationId]);
        (await InboxAsync(workspace.Agent, "group=sales")).ShouldBe([mine.ConversationId, waiting.ConversationId]);
        (await InboxAsync(workspace.Agent, "tag=refund")).ShouldBe([theirs.ConversationId, mine.ConversationId]);
        (await InboxAsync(workspace.Agent, "tag=refund&group=sales")).ShouldBe([mine.ConversationId]);
        (await InboxAsync(workspace.Agent, $"assignee={workspace.OtherAgent.Id}&status=Open")).ShouldBeEmpty();
        (await InboxAsync(workspace.Agent, "view=all")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Pages_follow_the_last_activity_without_skipping_or_repeating()
    {
        var workspace = await app.NewWorkspaceAsync();
        var conversations = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var visitor = await workspace.NewVisitorAsync($"Visitor {i}");
            await visitor.SendAsync($"Message {i}");
            conversations.Add(visitor.ConversationId);
        }
        // The oldest conversation becomes the most recent activity.
        await app.ReplyAsync(workspace.Agent, conversations[0], "Back to you first");

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await app.Api().GetAsync<InboxPage>($"/api/inbox?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}", workspace.Agent.Token);
            seen.AddRange(page.Items.Select(i => i.Id));
            page.Items.Select(i => i.LastActivitySequence).ShouldBeInOrder(SortDirection.Descending);
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null);

        pages.ShouldBe(3);
        seen.ShouldBe([conversations[0], .. conversations.Skip(1).Reverse()]);
    }

    [Fact]
    public async Task Bad_inbox_queries_are_refused()
    {
        var workspace = await app.NewWorkspaceAsync();

        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox?limit=0", null, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox?limit=1000", null, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox?cursor=abc", null, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox?view=everything", null, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox?status=Lost", null, workspace.Agent.Token, 400);
    }

    [Fact]
    public async Task Inbox_times_come_from_the_stored_events()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var sent = await visitor.SendAsync("Hi");

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        var stored = (await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, sent.ThreadId)).Single(e => e.Version == sent.Version);

        item.LastMessageAt.ShouldBe(stored.At);
        item.WaitingSince.ShouldBe(stored.At);
        item.Status.ShouldBe(ThreadStatus.Queued);
    }

    [Fact]
    public async Task A_long_unread_backlog_keeps_its_exact_count_while_the_row_keeps_only_the_latest_versions()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var kept = Chat.Projections.Inbox.InboxProjection.UnreadVersionsKept;
        var sent = new List<Chat.Api.Conversations.SentMessage>();
        for (var i = 0; i < kept + 20; i++) sent.Add(await visitor.SendAsync($"Still waiting {i}"));

        async Task<Chat.Projections.Inbox.InboxItem> RowAsync() =>
            (await app.Api().GetAsync<InboxPage>("/api/inbox?view=all", workspace.Agent.Token)).Items.Single(i => i.Id == visitor.ConversationId);
        var row = await RowAsync();
        row.UnreadForAgents.ShouldBe(kept + 20);
        row.UnreadVisitorMessageVersions.ShouldBe(sent.Skip(20).Select(m => m.Version));

        // A read that stops before the kept versions cannot tell how many older ones it covered: the count stays.
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/read",
            new { upToVersion = sent[5].Version });
        (await RowAsync()).UnreadForAgents.ShouldBe(kept + 20);
        // One that reaches into them has read every older one.
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/read",
            new { upToVersion = sent[^11].Version });
        (await RowAsync()).UnreadForAgents.ShouldBe(10);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/read",
            new { upToVersion = sent[^1].Version });
        (await RowAsync()).UnreadForAgents.ShouldBe(0);
    }
}
