using Chat.Api.Search;
using Chat.Tests.Support;

namespace Chat.Tests.Search;

/// <summary>
/// Staff find conversations by what was written (messages and notes as they show now), by the visitor's name or email,
/// by tag and by range: ranked, highlighted, paged, and only ever in their own workspace. The index is kept by the
/// async daemon, so each search waits until it has caught up with what the test wrote.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class SearchTests(ChatApp app)
{
    [Fact]
    public async Task Finds_conversations_by_message_text_note_visitor_name_email_and_tag()
    {
        var workspace = await app.NewWorkspaceAsync();
        var ada = await NewVisitorAsync(workspace, "Ada Lovelace", "ada@analytical.example");
        await ada.SendAsync("My parcel never arrived");
        var grace = await NewVisitorAsync(workspace, "Grace Hopper", "grace@cobol.example");
        await grace.SendAsync("The invoice is wrong");
        await app.Api().PostAsync<object>($"/api/conversations/{grace.ConversationId}/notes",
            new { text = "Escalate to the accounts team", clientMessageId = "n1" }, workspace.Agent.Token, 201);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{grace.ConversationId}/tags", new { tag = "Billing" });

        (await FoundAsync(workspace, "q=parcel", 1)).ShouldBe([ada.ConversationId]);
        var note = (await SearchAsync(workspace, "q=accounts", expected: 1)).Results.ShouldHaveSingleItem();
        note.ConversationId.ShouldBe(grace.ConversationId);
        note.Hits.ShouldHaveSingleItem().IsPrivateNote.ShouldBeTrue();
        (await FoundAsync(workspace, "q=Lovelace", 1)).ShouldBe([ada.ConversationId]);
        (await FoundAsync(workspace, "q=grace%40cobol.example", 1)).ShouldBe([grace.ConversationId]);
        (await FoundAsync(workspace, "q=analytical.example", 1)).ShouldBe([ada.ConversationId]);
        (await FoundAsync(workspace, "tag=billing", 1)).ShouldBe([grace.ConversationId]);
        (await FoundAsync(workspace, "q=parcel&tag=billing", 0)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_renamed_tag_finds_the_threads_tagged_under_its_former_name()
    {
        var workspace = await app.NewWorkspaceAsync();
        var tag = await app.Api().PostAsync<Chat.Projections.TagCatalogue.TagView>("/api/tags", new { name = "billing", colour = "#aa0000" },
            workspace.Supervisor.Token, 201);
        var visitor = await NewVisitorAsync(workspace, "Renata", null);
        await visitor.SendAsync("About my bill");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/tags", new { tag = "billing" });
        await FoundAsync(workspace, "tag=billing", 1);

        await app.Api().SendAsync(HttpMethod.Patch, $"/api/tags/{tag.Id}", new { name = "payments", colour = "#aa0000" }, workspace.Supervisor.Token, 200);

        (await FoundAsync(workspace, "tag=payments", 1)).ShouldBe([visitor.ConversationId]);
    }

    [Fact]
    public async Task Results_rank_the_closer_match_first_and_highlight_the_matched_words_as_data()
    {
        var workspace = await app.NewWorkspaceAsync();
        var once = await NewVisitorAsync(workspace, "Once", null);
        await once.SendAsync("Could I get a refund for the blue kettle, or a replacement?");
        var often = await NewVisitorAsync(workspace, "Often", null);
        await often.SendAsync("Refund, refund, refund: I was promised a refund");

        var page = await SearchAsync(workspace, "q=refunds", expected: 2);

        page.Results.Select(r => r.ConversationId).ShouldBe([often.ConversationId, once.ConversationId]);
        page.Results[0].Rank.ShouldBeGreaterThan(page.Results[1].Rank);
        var snippet = page.Results[1].Hits.ShouldHaveSingleItem().Snippet;
        snippet.Where(f => f.Match).Select(f => f.Text).ShouldBe(["refund"]);
        string.Concat(snippet.Select(f => f.Text)).ShouldContain("Could I get a refund for the blue kettle");
    }

    [Fact]
    public async Task A_message_cannot_fake_a_highlight_and_markup_comes_back_as_plain_text()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await NewVisitorAsync(workspace, "Mallory", null);
        await visitor.SendAsync("<mark>fake</mark> \uE000bold\uE001 teapot");

        var snippet = (await SearchAsync(workspace, "q=teapot", expected: 1)).Results[0].Hits[0].Snippet;

        snippet.Where(f => f.Match).Select(f => f.Text).ShouldBe(["teapot"]);
        // A snippet starts at a word; what follows keeps its characters, markup included, as text.
        string.Concat(snippet.Select(f => f.Text)).ShouldEndWith("mark>fake</mark> bold teapot");
    }

    [Fact]
    public async Task Another_workspaces_conversations_are_never_found()
    {
        var mine = await app.NewWorkspaceAsync();
        var theirs = await app.NewWorkspaceAsync();
        var ours = await NewVisitorAsync(mine, "Same Name", "same@example.test");
        await ours.SendAsync("Gearbox rattles on cold mornings");
        var other = await NewVisitorAsync(theirs, "Same Name", "same@example.test");
        await other.SendAsync("Gearbox rattles on cold mornings");
        await app.CommandAsync(theirs.Agent, HttpMethod.Post, $"/api/conversations/{other.ConversationId}/tags", new { tag = "gearbox" });
        await FoundAsync(theirs, "tag=gearbox", 1);

        (await FoundAsync(mine, "q=gearbox", 1)).ShouldBe([ours.ConversationId]);
        (await FoundAsync(mine, "q=same%40example.test", 1)).ShouldBe([ours.ConversationId]);
        (await SearchAsync(mine, "tag=gearbox")).Results.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_edited_message_is_found_by_its_new_text_and_a_deleted_one_no_more()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await NewVisitorAsync(workspace, "Edith", null);
        await visitor.SendAsync("Hello");
        var edited = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Your tracking number follows");
        var deleted = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Internal pricing sheet attached");
        await FoundAsync(workspace, "q=pricing", 1);

        await app.Api().SendAsync(HttpMethod.Patch, $"/api/conversations/{visitor.ConversationId}/messages/{edited.MessageId}",
            new { text = "Your courier is Quokka Express" }, workspace.Agent.Token, 200);
        await app.Api().SendAsync(HttpMethod.Delete, $"/api/conversations/{visitor.ConversationId}/messages/{deleted.MessageId}",
            null, workspace.Agent.Token, 200);

        (await FoundAsync(workspace, "q=quokka", 1)).ShouldBe([visitor.ConversationId]);
        (await FoundAsync(workspace, "q=pricing", 0)).ShouldBeEmpty();
        (await FoundAsync(workspace, "q=tracking", 0)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_are_stable_and_together_hold_every_result_once()
    {
        var workspace = await app.NewWorkspaceAsync();
        var all = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var visitor = await NewVisitorAsync(workspace, $"Visitor {i}", null);
            await visitor.SendAsync("The toaster is broken");
            all.Add(visitor.ConversationId);
        }
        await FoundAsync(workspace, "q=toaster&pageSize=50", 5);

        var pages = new List<SearchPage>();
        for (var page = 1; page <= 3; page++) pages.Add(await SearchAsync(workspace, $"q=toaster&page={page}&pageSize=2"));

        pages.Select(p => p.HasMore).ShouldBe([true, true, false]);
        pages.Select(p => p.Results.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Results.Select(r => r.ConversationId)).ShouldBe(all, ignoreOrder: true);
        (await SearchAsync(workspace, "q=toaster&page=2&pageSize=2")).Results.Select(r => r.ConversationId)
            .ShouldBe(pages[1].Results.Select(r => r.ConversationId));
    }

    [Fact]
    public async Task A_range_keeps_the_conversations_with_messages_in_it()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await NewVisitorAsync(workspace, "Rangy", null);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await visitor.SendAsync("The kettle whistles");
        var after = DateTimeOffset.UtcNow.AddSeconds(5);
        string Time(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

        (await FoundAsync(workspace, $"q=kettle&from={Time(before)}&to={Time(after)}", 1)).ShouldBe([visitor.ConversationId]);
        (await FoundAsync(workspace, $"from={Time(before)}", 1)).ShouldBe([visitor.ConversationId]);
        (await SearchAsync(workspace, $"q=kettle&from={Time(after)}")).Results.ShouldBeEmpty();
        (await SearchAsync(workspace, $"q=kettle&to={Time(before)}")).Results.ShouldBeEmpty();
        (await SearchAsync(workspace, $"q=rangy&to={Time(before)}")).Results.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "Say what to search for")]
    [InlineData("q=%20%20", "Say what to search for")]
    [InlineData("from=2026-12-08&to=2026-12-07", "later than from")]
    [InlineData("from=2026-12-07&to=2026-12-07", "later than from")]
    [InlineData("from=yesterday", "ISO 8601")]
    [InlineData("q=a&pageSize=51", "pageSize")]
    [InlineData("q=a&pageSize=0", "pageSize")]
    [InlineData("q=a&page=0", "page")]
    [InlineData("q=a&page=101", "page")]
    [InlineData("tag=%3Cb%3E", "tag")]
    public async Task Bad_input_is_refused_with_a_problem(string query, string detail)
    {
        var workspace = await app.NewWorkspaceAsync();
        (await app.Api().RefusedAsync(HttpMethod.Get, $"/api/search?{query}", null, workspace.Agent.Token, 400)).Detail!.ShouldContain(detail);
    }

    [Fact]
    public async Task An_overlong_query_is_refused_and_only_staff_search()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/search?q={new string('a', SearchEndpoint.MaxQueryLength + 1)}", null,
            workspace.Agent.Token, 400);
        var visitor = await workspace.NewVisitorAsync();
        await app.Api().SendAsync(HttpMethod.Get, "/api/search?q=a", null, visitor.Token, 403);
        await app.Api().SendAsync(HttpMethod.Get, "/api/search?q=a", null, null, 401);
        await app.Api().GetAsync<SearchPage>("/api/search?q=a", workspace.Auditor.Token);
    }

    private async Task<TestVisitor> NewVisitorAsync(TestWorkspace workspace, string name, string? email) =>
        new(app, await app.Api().PostAsync<Chat.Api.Identity.WidgetSession>("/api/widget/sessions",
            new { widgetKey = workspace.Workspace.WidgetKey, name, email }, token: null, expect: 200));

    private Task<SearchPage> SearchAsync(TestWorkspace workspace, string query, int? expected = null) =>
        expected is { } count
            ? Eventually.Async(() => SearchAsync(workspace, query), p => p.Results.Count == count, TimeSpan.FromSeconds(20))
            : app.Api().GetAsync<SearchPage>($"/api/search?{query}", workspace.Agent.Token);

    /// <summary>The conversations found once the index has caught up with the expected count.</summary>
    private async Task<List<Guid>> FoundAsync(TestWorkspace workspace, string query, int expected)
    {
        var page = await SearchAsync(workspace, query, expected);
        page.Results.Count.ShouldBe(expected, $"search for {query}");
        return [.. page.Results.Select(r => r.ConversationId)];
    }
}
