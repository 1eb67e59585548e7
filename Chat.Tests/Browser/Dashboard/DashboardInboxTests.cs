using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>An agent's working day in the dashboard: sign in, the live queue, taking and answering a chat.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardInboxTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_signs_in_and_out_and_a_wrong_password_is_said_so()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.ChatUrl + "/app/inbox/all");
        var dashboard = new DashboardPage(page, browser);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/login"));
        await dashboard.FillSignInAsync(workspace.Agent.Account.Email, "not the password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("password");
        await dashboard.FillSignInAsync(workspace.Agent.Account.Email, TestAgent.Password);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/inbox/all$"));
        await Expect(page.Locator(".who")).ToContainTextAsync("Agent");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await dashboard.ClickAsync("Sign out");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/login"));
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_disabled_account_is_sent_back_to_the_sign_in_page()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/all");

        await browser.Chat.SendAsync(HttpMethod.Delete, $"/api/agents/{workspace.Agent.Id}", workspace.Admin.Token);
        await dashboard.Page.ReloadAsync();

        await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/login"));
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_list_loads_more_conversations_as_it_is_scrolled()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        const int conversations = 55;
        await Task.WhenAll(Enumerable.Range(1, conversations).Select(async i =>
        {
            var visitor = await browser.Chat.NewVisitorAsync(workspace.Workspace);
            await browser.Chat.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text = $"Question {i}", clientMessageId = "v1" });
        }));
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/all");

        // One page of the API is 50 rows (live pushes of the last few chats may add to it); the rest come when the list is
        // scrolled near its end.
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToBeVisibleAsync();
        await dashboard.Page.Locator(".list").EvaluateAsync("list => list.scrollTo(0, list.scrollHeight)");

        await Expect(dashboard.Rows).ToHaveCountAsync(conversations);
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_new_chat_appears_live_in_the_queue_and_the_agent_takes_it_and_answers_the_visitor()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        // Away: the router leaves new chats in the queue, where the agent sees them arrive.
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        await Expect(dashboard.Page.Locator(".empty")).ToBeVisibleAsync();

        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(browser.ChatUrl, "visitor", session.VisitorToken);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "My chain keeps slipping", clientMessageId = "v1" });

        var row = dashboard.Row(session.ConversationId);
        await Expect(row).ToContainTextAsync("My chain keeps slipping");
        await Expect(row).ToContainTextAsync("waiting");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-queue");
        await row.ClickAsync();
        await Expect(dashboard.Lines).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("My chain keeps slipping")]);
        await dashboard.ClickAsync("Take");

        await Expect(row).ToHaveCountAsync(0);
        await dashboard.SendReplyAsync("Let's tighten it. Which bike is it?");
        var reply = await visitor.WaitForEventAsync("message_posted", r => r.Data.GetProperty("text").GetString() == "Let's tighten it. Which bike is it?");
        reply.Data.GetProperty("authorKind").GetString().ShouldBe("Agent");
        await Expect(dashboard.Lines.Last).ToContainTextAsync("Let's tighten it.");

        await dashboard.Page.GetByLabel("Private note", new() { Exact = true }).CheckAsync();
        await dashboard.Page.GetByRole(AriaRole.Textbox, new() { Name = "Private note" }).FillAsync("Frequent customer");
        await dashboard.Page.GetByRole(AriaRole.Textbox, new() { Name = "Private note" }).PressAsync("Enter");
        await Expect(dashboard.Transcript.Locator(".line.note")).ToContainTextAsync("Frequent customer");
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "A Commuter 3", clientMessageId = "v2" });
        await Expect(dashboard.Lines.Last).ToContainTextAsync("A Commuter 3");
        visitor.Events.ShouldNotContain(e => e.Type == "private_note_added");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-conversation");
    }

    [Fact]
    public async Task The_conversation_shows_why_the_router_chose_its_agent_and_triage_changes_show_at_once()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/mine");
        await dashboard.SetStatusAsync("Online", workspace.Agent);

        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "<img src=x onerror=alert(1)>", clientMessageId = "v1" });
        var row = dashboard.Row(session.ConversationId);
        await row.ClickAsync();

        await Expect(dashboard.Routing).ToContainTextAsync("Routed by round robin in group default to you.");
        await Expect(dashboard.Routing.Locator("li.chosen")).ToHaveTextAsync("you: Online, 0/3 — chosen");
        await Expect(dashboard.Lines.First.Locator(".line-text")).ToHaveTextAsync("<img src=x onerror=alert(1)>");
        (await dashboard.Transcript.Locator("img").CountAsync()).ShouldBe(0);

        await dashboard.Page.GetByLabel("Thread priority").SelectOptionAsync("High");
        await Expect(row.Locator(".priority")).ToHaveTextAsync("High");
        await dashboard.Page.GetByLabel("New tag").FillAsync("gears");
        await dashboard.Page.GetByLabel("New tag").PressAsync("Enter");
        await Expect(row.Locator(".tag")).ToHaveTextAsync(["gears"]);
        await dashboard.ClickAsync("Close");
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Reopen" })).ToBeVisibleAsync();
        await dashboard.ClickAsync("Reopen");
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true })).ToBeVisibleAsync();
    }
}
