using Chat.Tests.Browser.Widget;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>What keeps the dashboard live: typing, transfers between colleagues, a dropped network, an expired token, roles.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardLiveTests(BrowserFixture browser)
{
    [Fact]
    public async Task Typing_shows_both_ways_between_the_dashboard_and_the_visitor()
    {
        var (_, dashboard, context, _, visitor) = await ChatInProgressAsync();
        await using var _ = context;
        await using var __ = visitor;

        await visitor.Connection.InvokeAsync("Typing");
        await Expect(dashboard.Page.Locator(".typing")).ToHaveTextAsync("Live visitor is typing…");

        await dashboard.Reply.PressSequentiallyAsync("Let me check");
        await visitor.WaitForAsync(r => r.Method == "typing", "the agent's typing at the visitor");
    }

    [Fact]
    public async Task A_chat_transferred_to_a_colleague_appears_live_in_their_dashboard_with_the_reason_kept()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var colleague = await WorkspaceSeed.AddAgentAsync(browser.Store, LiveCluster.Tokens, workspace.Workspace, "sam");
        await using var first = await browser.NewContextAsync();
        await using var second = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, first, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var theirs = await DashboardPage.SignInAsync(browser, second, colleague, "/app/inbox/mine");
        await theirs.SetStatusAsync("Away", colleague);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Is my repair done?", clientMessageId = "v1" });
        await dashboard.Row(session.ConversationId).ClickAsync();
        await dashboard.ClickAsync("Take");

        await dashboard.Page.GetByLabel("To a colleague").SelectOptionAsync(new SelectOptionValue { Label = "sam (away, 0/3)" });
        await dashboard.Page.GetByLabel("Reason").FillAsync("Sam did the repair");
        await dashboard.ClickAsync("Transfer");

        await Expect(theirs.Row(session.ConversationId)).ToContainTextAsync("Is my repair done?");
        await Expect(dashboard.Page.Locator(".pane-head .muted")).ToContainTextAsync("with sam");
        var history = await browser.Chat.SendAsync(HttpMethod.Get, $"/api/conversations/{session.ConversationId}", workspace.Agent.Token);
        history.GetProperty("summary").GetProperty("assigneeId").GetGuid().ShouldBe(colleague.Id);
    }

    [Fact]
    public async Task After_a_network_drop_the_dashboard_says_so_and_catches_up_on_what_it_missed()
    {
        await using var context = await browser.NewContextAsync();
        var network = await NetworkDrops.InstallAsync(context, "agent");
        var (_, dashboard, session) = await FirstMessageOpenAsync(context);

        await network.GoOfflineAsync();
        await Expect(dashboard.Page.Locator(".link-state")).ToHaveTextAsync("Reconnecting…");
        foreach (var text in new[] { "Two", "Three", "Four" })
            await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text, clientMessageId = text });
        await network.ComeBackAsync();

        await Expect(dashboard.Lines.Locator(".line-text")).ToHaveTextAsync(["One", "Two", "Three", "Four"], new() { Timeout = 45_000 });
        await Expect(dashboard.Page.Locator(".link-state")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_access_token_the_api_refuses_is_renewed_from_the_cookie_without_the_agent_noticing()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/all");
        var refreshes = 0;
        context.Request += (_, request) => { if (request.Url.EndsWith("/api/auth/refresh")) Interlocked.Increment(ref refreshes); };
        var refused = false;
        // The next inbox read answers 401, as it would for an access token that expired.
        await context.RouteAsync("**/api/inbox?*", async route =>
        {
            if (!refused)
            {
                refused = true;
                await route.FulfillAsync(new() { Status = 401, ContentType = "application/problem+json", Body = """{"status":401,"title":"Unauthorized"}""" });
            }
            else await route.ContinueAsync();
        });

        await dashboard.OpenViewAsync("Unassigned");

        await Expect(dashboard.Page.Locator(".empty")).ToHaveTextAsync("Nothing here.");
        refused.ShouldBeTrue();
        refreshes.ShouldBe(1);
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_role_change_closes_the_live_connection_which_comes_back_with_a_renewed_token_and_catches_up()
    {
        await using var context = await browser.NewContextAsync();
        var (workspace, dashboard, session) = await FirstMessageOpenAsync(context);

        await browser.Chat.SendAsync(HttpMethod.Patch, $"/api/agents/{workspace.Agent.Id}", workspace.Admin.Token, new { role = "Supervisor" });

        // Nothing else the page does meanwhile meets the refused token: the closed connection renewed it to reconnect.
        await Expect(dashboard.Page.Locator(".who")).ToContainTextAsync("Supervisor");
        await Expect(dashboard.Page.Locator(".link-state")).ToHaveCountAsync(0);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Two", clientMessageId = "v2" });
        await Expect(dashboard.Lines.Locator(".line-text")).ToHaveTextAsync(["One", "Two"]);
    }

    [Fact]
    public async Task The_daily_work_runs_from_the_keyboard_and_the_help_lists_the_shortcuts()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Keyboard person here", clientMessageId = "v1" });
        await Expect(dashboard.Row(session.ConversationId)).ToBeVisibleAsync();
        var keyboard = dashboard.Page.Keyboard;
        await dashboard.Page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 790 } });

        await keyboard.PressAsync("?");
        var help = dashboard.Page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(help).ToContainTextAsync("Next / previous conversation in the list");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-shortcuts");
        await keyboard.PressAsync("Escape");
        await Expect(help).ToHaveCountAsync(0);

        await keyboard.PressAsync("j");
        await Expect(dashboard.Lines).ToHaveCountAsync(1);
        await keyboard.PressAsync("t");
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Release" })).ToBeVisibleAsync();
        await keyboard.PressAsync("r");
        await Expect(dashboard.Reply).ToBeFocusedAsync();
        await keyboard.TypeAsync("On it");
        await keyboard.PressAsync("Enter");
        await Expect(dashboard.Lines.Last).ToContainTextAsync("On it");
        await dashboard.Reply.BlurAsync();
        await keyboard.PressAsync("c");
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Reopen" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_agent_is_not_offered_the_supervisors_pages_and_the_api_refuses_them_anyway()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/mine");

        await Expect(dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Team" })).ToHaveCountAsync(0);
        await dashboard.Page.GotoAsync(browser.ChatUrl + "/app/team");
        await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/inbox/mine$"));
        (await browser.Chat.RawGetAsync("/api/agents", workspace.Agent.Token)).ShouldBe(403);

        await using var supervisorContext = await browser.NewContextAsync();
        var supervisor = await DashboardPage.SignInAsync(browser, supervisorContext, workspace.Admin, "/app/team");
        await Expect(supervisor.Page.Locator($"tr[data-agent='{workspace.Agent.Id}']")).ToContainTextAsync(workspace.Agent.Account.DisplayName);
        await Screenshots.SaveAsync(supervisor.Page, "dashboard-team");
    }

    /// <summary>An agent with a chat of their own open in the dashboard, and the visitor's live connection.</summary>
    private async Task<(BrowserWorkspace, DashboardPage, IBrowserContext, Chat.Api.Identity.WidgetSession, LiveClient)> ChatInProgressAsync()
    {
        var context = await browser.NewContextAsync();
        var (workspace, dashboard, session) = await FirstMessageOpenAsync(context, "Hello?");
        var visitor = await LiveClient.ConnectAsync(browser.ChatUrl, "visitor", session.VisitorToken);
        await dashboard.ClickAsync("Take");
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Release" })).ToBeVisibleAsync();
        return (workspace, dashboard, context, session, visitor);
    }

    /// <summary>
    /// An agent signed in to the dashboard in this browser context and away (so the router leaves the chat alone), with a
    /// new visitor's first message open in it.
    /// </summary>
    private async Task<(BrowserWorkspace Workspace, DashboardPage Dashboard, Chat.Api.Identity.WidgetSession Session)> FirstMessageOpenAsync(
        IBrowserContext context, string text = "One")
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text, clientMessageId = "v1" });
        await dashboard.Row(session.ConversationId).ClickAsync();
        await Expect(dashboard.Lines).ToHaveCountAsync(1);
        return (workspace, dashboard, session);
    }
}
