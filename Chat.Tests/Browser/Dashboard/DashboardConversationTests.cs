using Chat.Tests.RealTime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The conversation view's own tools: editing and deleting a reply, the quiet lines of what happened, receipts, snooze, filters.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardConversationTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_agent_edits_and_deletes_their_reply_and_the_visitor_sees_both()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(browser.ChatUrl, "visitor", session.VisitorToken);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "When do you open?", clientMessageId = "v1" });
        await dashboard.Row(session.ConversationId).ClickAsync();
        await dashboard.ClickAsync("Take");
        await dashboard.SendReplyAsync("We open at 8");
        await dashboard.SendReplyAsync("Wrong chat, sorry");

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Edit: We open at 8" }).ClickAsync();
        await dashboard.Page.GetByLabel("Edit message").FillAsync("We open at 9");
        await dashboard.ClickAsync("Save");
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Delete: Wrong chat, sorry" }).ClickAsync();

        await Expect(dashboard.Transcript.Locator(".line.agent .line-text")).ToHaveTextAsync(["We open at 9", "Deleted message"]);
        await Expect(dashboard.Transcript.Locator(".line.agent").First).ToContainTextAsync("(edited)");
        (await visitor.WaitForEventAsync("message_edited")).Data.GetProperty("text").GetString().ShouldBe("We open at 9");
        await visitor.WaitForEventAsync("message_deleted");
        await Expect(dashboard.Transcript.Locator(".line.system").First).ToHaveTextAsync("Assigned to you by you");
    }

    [Fact]
    public async Task The_visitors_read_receipt_snooze_and_close_show_in_the_transcript_and_filters_narrow_the_list()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        var other = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Mine to take", clientMessageId = "v1" });
        await browser.Chat.PostAsync("/api/visitor/messages", other.VisitorToken, new { text = "Someone else's", clientMessageId = "v1" });
        await dashboard.Row(session.ConversationId).ClickAsync();
        await dashboard.ClickAsync("Take");
        await dashboard.SendReplyAsync("Hello!");
        var reply = dashboard.Transcript.Locator(".line.agent").Last;
        await Expect(reply).ToContainTextAsync("Hello!");

        var version = long.Parse((await reply.GetAttributeAsync("data-version"))!);
        await browser.Chat.PostAsync("/api/visitor/read", session.VisitorToken, new { upToVersion = version });
        await Expect(reply.Locator(".seen")).ToHaveTextAsync("Seen");

        await dashboard.Page.GetByLabel("Snooze until").FillAsync(DateTime.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm"));
        await dashboard.ClickAsync("Snooze");
        await Expect(dashboard.Page.GetByLabel("Thread status")).ToHaveValueAsync("Snoozed");
        await Expect(dashboard.Transcript.Locator(".line.system").Last).ToContainTextAsync("Status Snoozed until");
        await dashboard.ClickAsync("Close");
        await Expect(dashboard.Transcript.Locator(".line.system").Last).ToHaveTextAsync("Closed by you");

        await dashboard.OpenViewAsync("All");
        await Expect(dashboard.Rows).ToHaveCountAsync(2);
        await dashboard.Page.GetByLabel("Filter by assignee").SelectOptionAsync(new SelectOptionValue { Label = workspace.Agent.Account.DisplayName });
        await Expect(dashboard.Rows).ToHaveCountAsync(1);
        await Expect(dashboard.Row(session.ConversationId)).ToBeVisibleAsync();
        await dashboard.Page.GetByLabel("Filter by assignee").SelectOptionAsync(new SelectOptionValue { Label = "Anyone" });
        await dashboard.Page.GetByLabel("Filter by status").SelectOptionAsync("Queued");
        await Expect(dashboard.Rows).ToHaveCountAsync(1);
        await Expect(dashboard.Row(other.ConversationId)).ToBeVisibleAsync();
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-filters");
    }

    [Fact]
    public async Task A_snoozed_conversation_wakes_by_itself_in_front_of_the_agent()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Call me back later", clientMessageId = "v1" });
        await dashboard.Row(session.ConversationId).ClickAsync();
        await dashboard.ClickAsync("Take");
        await Expect(dashboard.Page.GetByLabel("Thread status")).ToHaveValueAsync("Open");

        // The form takes whole minutes; a few seconds ahead keeps the wait short.
        await browser.Chat.SendAsync(HttpMethod.Put, $"/api/conversations/{session.ConversationId}/status",
            workspace.Agent.Token, new { status = "Snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddSeconds(3) });
        await Expect(dashboard.Page.GetByLabel("Thread status")).ToHaveValueAsync("Snoozed");

        await Expect(dashboard.Page.GetByLabel("Thread status")).ToHaveValueAsync("Open");
        await Expect(dashboard.Transcript.Locator(".line.system").Last).ToContainTextAsync("Status Open by Chat: the snooze ended");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-snooze-woke");
    }

    [Fact]
    public async Task On_a_tablet_the_inbox_and_the_open_conversation_fit_without_sideways_scrolling()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, Locale = "en-US",
        });
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Hello from a tablet", clientMessageId = "v1" });

        await dashboard.Row(session.ConversationId).TapAsync();

        await Expect(dashboard.Reply).ToBeVisibleAsync();
        await Expect(dashboard.Lines.First).ToContainTextAsync("Hello from a tablet");
        (await dashboard.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-tablet");
    }
}
