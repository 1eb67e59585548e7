using System.Text.Json;
using Chat.Api.Identity;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The auditor's pages: a conversation's full history, its state as of a moment, transcripts and the hash chain.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPagesTests(BrowserFixture browser)
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    /// <summary>A closed conversation driven through the API: an edited reply, a deleted one, a hostile text; and an auditor.</summary>
    private sealed record Audited(TestAgent Auditor, Guid ConversationId, Guid EditedReplyId, JsonElement[] History)
    {
        public int PositionOf(Func<JsonElement, bool> match) => History.First(match).GetProperty("position").GetInt32();
    }

    private async Task<Audited> AuditedConversationAsync()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var auditor = await WorkspaceSeed.AddAgentAsync(browser.Store, LiveCluster.Tokens, workspace.Workspace, "auditor", Roles.Auditor);
        var visitor = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        var conversation = $"/api/conversations/{visitor.ConversationId}";
        var agent = workspace.Agent.Token;

        await browser.Chat.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text = "My order is late", clientMessageId = "v1" });
        var reply = await browser.Chat.PostAsync($"{conversation}/messages", agent, new { text = "Sorry for the wait", clientMessageId = "a1" });
        var wrong = await browser.Chat.PostAsync($"{conversation}/messages", agent, new { text = "Wrong chat, ignore", clientMessageId = "a2" });
        var replyId = reply.GetProperty("messageId").GetGuid();
        await browser.Chat.SendAsync(HttpMethod.Patch, $"{conversation}/messages/{replyId}", agent, new { text = "Sorry for the wait, it ships today" });
        await browser.Chat.SendAsync(HttpMethod.Delete, $"{conversation}/messages/{wrong.GetProperty("messageId").GetGuid()}", agent);
        await browser.Chat.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text = Hostile, clientMessageId = "v2" });
        await browser.Chat.PostAsync($"{conversation}/close", agent, new { reason = "Answered" });

        var history = await browser.Chat.SendAsync(HttpMethod.Get, $"/api/audit/conversations/{visitor.ConversationId}/history", auditor.Token);
        return new Audited(auditor, visitor.ConversationId, replyId, [.. history.EnumerateArray()]);
    }

    private static ILocator Timeline(DashboardPage page) => page.Page.GetByRole(AriaRole.List, new() { Name = "History" }).Locator(".event");

    private static ILocator StateLines(DashboardPage page) =>
        page.Page.GetByRole(AriaRole.Region, new() { Name = "State as of a moment" }).Locator(".as-of-line");

    [Fact]
    public async Task The_auditor_reads_the_history_with_the_originals_and_an_earlier_state_with_fewer_messages_and_a_valid_chain()
    {
        var audited = await AuditedConversationAsync();
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, audited.Auditor, $"/app/audit/{audited.ConversationId}");
        var alerts = 0;
        dashboard.Page.Dialog += (_, dialog) => { Interlocked.Increment(ref alerts); _ = dialog.DismissAsync(); };

        await Expect(Timeline(dashboard)).ToHaveCountAsync(audited.History.Length);
        await Expect(dashboard.Page.Locator(".event-original")).ToHaveTextAsync(["Original: Sorry for the wait", "Deleted text: Wrong chat, ignore"]);
        await Expect(dashboard.Page.Locator(".chain-ok")).ToHaveTextAsync($"✓ Chain intact ({audited.History.Length} events)");
        await Expect(StateLines(dashboard).Locator(".as-of-text"))
            .ToHaveTextAsync(["My order is late", "Sorry for the wait, it ships today", "(deleted)", Hostile]);
        await Expect(dashboard.Page.GetByRole(AriaRole.Region, new() { Name = "State as of a moment" }).Locator(".status")).ToHaveTextAsync("Closed");

        // The hostile text is shown as the characters it is, in the transcript and in the event's payload: no element, no script.
        await Expect(dashboard.Page.Locator(".event-payload", new() { HasTextString = Hostile })).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("main img")).ToHaveCountAsync(0);
        await dashboard.Page.Locator(".event-original").First.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-audit-timeline");

        var firstMessage = audited.PositionOf(e => e.GetProperty("type").GetString() == "message_posted");
        await dashboard.Page.GetByLabel($"Event {audited.History.Length} of {audited.History.Length}").FillAsync(firstMessage.ToString());

        await Expect(StateLines(dashboard).Locator(".as-of-text")).ToHaveTextAsync(["My order is late"]);
        await Expect(dashboard.Page.GetByText($"Event {firstMessage} of {audited.History.Length}")).ToBeVisibleAsync();
        await Expect(dashboard.Page.Locator(".event.later")).ToHaveCountAsync(audited.History.Length - firstMessage);

        // A day before the first event, whatever the browser's time zone: nothing had happened.
        var dayBefore = audited.History[0].GetProperty("at").GetDateTimeOffset().AddDays(-1);
        await dashboard.Page.GetByLabel("Or as of a time").FillAsync(dayBefore.ToString("yyyy-MM-dd'T'HH:mm:ss"));
        await dashboard.ClickAsync("Show");
        await Expect(dashboard.Page.GetByText("Nothing had happened yet.")).ToBeVisibleAsync();
        await Expect(StateLines(dashboard)).ToHaveCountAsync(0);
        alerts.ShouldBe(0);
    }

    [Fact]
    public async Task An_event_altered_in_the_database_shows_the_chain_broken_at_that_event_highlighted_in_the_timeline()
    {
        var audited = await AuditedConversationAsync();
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, audited.Auditor, $"/app/audit/{audited.ConversationId}");
        await Expect(dashboard.Page.Locator(".chain-ok")).ToBeVisibleAsync();
        var altered = audited.History.First(e => e.GetProperty("type").GetString() == "message_posted"
            && e.GetProperty("data").GetProperty("messageId").GetGuid() == audited.EditedReplyId);
        var alteredId = altered.GetProperty("eventId").GetGuid();

        await using (var session = browser.Store.LightweightSession())
        {
            session.QueueSqlCommand("update chat.mt_events set data = jsonb_set(data, '{text}', '\"I never said that\"') where id = ?", alteredId);
            await session.SaveChangesAsync();
        }
        await dashboard.Page.ReloadAsync();

        var position = altered.GetProperty("position").GetInt32();
        await Expect(dashboard.Page.Locator(".chain-broken"))
            .ToContainTextAsync($"✗ Chain broken at event #{position} (message_posted, sequence {altered.GetProperty("sequence").GetInt64()})");
        await Expect(dashboard.Page.Locator(".chain-broken")).ToContainTextAsync("The event's content does not match its hash.");
        var broken = dashboard.Page.Locator(".event.broken");
        await Expect(broken).ToHaveAttributeAsync("data-event-id", alteredId.ToString());
        await Expect(broken).ToContainTextAsync("I never said that");
        await Expect(broken).ToBeInViewportAsync();
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-audit-broken-chain");
    }

    [Fact]
    public async Task The_transcript_downloads_as_text_and_as_json_named_after_the_conversation()
    {
        var audited = await AuditedConversationAsync();
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, audited.Auditor, $"/app/audit/{audited.ConversationId}");

        var text = await dashboard.Page.RunAndWaitForDownloadAsync(() => dashboard.ClickAsync("Download transcript (text)"));
        text.SuggestedFilename.ShouldBe($"transcript-{audited.ConversationId}.txt");
        var transcript = await File.ReadAllTextAsync((await text.PathAsync())!);
        transcript.ShouldContain("visitor");
        transcript.ShouldContain("My order is late");
        transcript.ShouldContain("Sorry for the wait, it ships today (edited)");
        transcript.ShouldContain(Hostile);
        transcript.ShouldContain("closed by");

        var json = await dashboard.Page.RunAndWaitForDownloadAsync(() => dashboard.ClickAsync("Download transcript (JSON)"));
        json.SuggestedFilename.ShouldBe($"transcript-{audited.ConversationId}.json");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!));
        document.RootElement.GetProperty("conversation").GetProperty("id").GetGuid().ShouldBe(audited.ConversationId);
        document.RootElement.GetProperty("threads")[0].GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("text").GetString()).ShouldBe(["My order is late", "Sorry for the wait, it ships today", "", Hostile]);
    }

    [Fact]
    public async Task The_auditor_finds_a_conversation_by_its_visitor_or_its_id_and_has_no_button_that_changes_it()
    {
        var audited = await AuditedConversationAsync();
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, audited.Auditor, "/app/audit");

        await dashboard.Page.GetByLabel("Conversation id or visitor").FillAsync("live VISITOR");
        await dashboard.ClickAsync("Find");
        await dashboard.Page.GetByRole(AriaRole.List, new() { Name = "Matching conversations" }).GetByRole(AriaRole.Link, new() { Name = "Live visitor" }).ClickAsync();

        await Expect(dashboard.Page).ToHaveURLAsync($"{browser.ChatUrl}/app/audit/{audited.ConversationId}");
        await Expect(Timeline(dashboard)).ToHaveCountAsync(audited.History.Length);
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Take" })).ToHaveCountAsync(0);
        await Expect(dashboard.Page.GetByRole(AriaRole.Textbox, new() { Name = "Reply" })).ToHaveCountAsync(0);

        await dashboard.Page.GetByLabel("Conversation id or visitor").FillAsync("nobody-like-this");
        await dashboard.ClickAsync("Find");
        await Expect(dashboard.Page.GetByText("No conversation with such a visitor.")).ToBeVisibleAsync();

        var unknown = Guid.NewGuid();
        await dashboard.Page.GetByLabel("Conversation id or visitor").FillAsync(unknown.ToString());
        await dashboard.ClickAsync("Find");
        await Expect(dashboard.Page).ToHaveURLAsync($"{browser.ChatUrl}/app/audit/{unknown}");
        await Expect(dashboard.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Conversation {unknown} does not exist.");
    }
}
