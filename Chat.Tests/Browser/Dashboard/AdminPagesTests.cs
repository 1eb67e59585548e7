using Chat.Api.Identity;
using Chat.Api.Webhooks;
using Chat.Contracts;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Marten;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The supervisor's and admin's pages: agents, groups, the live queue and webhooks, and who may not use them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(BrowserFixture browser)
{
    private const string NewPassword = "a-long-enough-password";

    private async Task<(BrowserWorkspace Workspace, TestAgent Supervisor)> WorkspaceWithSupervisorAsync(bool agentOnline = false)
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline);
        var supervisor = await WorkspaceSeed.AddAgentAsync(browser.Store, LiveCluster.Tokens, workspace.Workspace, "sue", Roles.Supervisor);
        return (workspace, supervisor);
    }

    private static ILocator NewAgentForm(DashboardPage dashboard) => dashboard.Page.GetByRole(AriaRole.Region, new() { Name = "New agent" });

    private static async Task FillNewAgentAsync(DashboardPage dashboard, string email, string name, string password)
    {
        var form = NewAgentForm(dashboard);
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByLabel("Display name").FillAsync(name);
        await form.GetByLabel("Password").FillAsync(password);
    }

    private static ILocator AgentRow(DashboardPage dashboard, string name) =>
        dashboard.Page.Locator("tr[data-agent]").Filter(new() { Has = dashboard.Page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }) });

    [Fact]
    public async Task A_supervisor_creates_an_agent_who_can_sign_in_then_edits_their_limit_disables_and_restores_them()
    {
        var (workspace, supervisor) = await WorkspaceWithSupervisorAsync();
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, supervisor, "/app/agents");
        dashboard.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        var email = $"nina@{workspace.Id}.test";

        await FillNewAgentAsync(dashboard, email, "Nina", NewPassword);
        await NewAgentForm(dashboard).GetByLabel("Chat limit").FillAsync("2");
        await dashboard.ClickAsync("Create agent");
        var nina = AgentRow(dashboard, "Nina");
        await Expect(nina).ToContainTextAsync(email);
        await Expect(nina.Locator(".limit")).ToHaveTextAsync("2");
        await Expect(nina.Locator(".state")).ToHaveTextAsync("Active");
        await Expect(NewAgentForm(dashboard).GetByLabel("Email")).ToHaveValueAsync("");

        await using (var ninasContext = await browser.NewContextAsync())
        {
            var ninasPage = await ninasContext.NewPageAsync();
            await ninasPage.GotoAsync(browser.ChatUrl + "/app/");
            await new DashboardPage(ninasPage, browser).FillSignInAsync(email, NewPassword);
            await Expect(ninasPage.Locator(".who")).ToContainTextAsync("Nina · Agent");
        }

        await nina.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var edit = dashboard.Page.GetByRole(AriaRole.Form, new() { Name = "Edit Nina" });
        await edit.GetByLabel("Chat limit").FillAsync("5");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(nina.Locator(".limit")).ToHaveTextAsync("5");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-agents");

        await nina.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(nina.Locator(".state")).ToHaveTextAsync("Disabled");
        await using (var refusedContext = await browser.NewContextAsync())
        {
            var refusedPage = await refusedContext.NewPageAsync();
            await refusedPage.GotoAsync(browser.ChatUrl + "/app/");
            await new DashboardPage(refusedPage, browser).FillSignInAsync(email, NewPassword);
            await Expect(refusedPage.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
            await Expect(refusedPage.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        }

        await nina.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(nina.Locator(".state")).ToHaveTextAsync("Active");
        await Expect(nina.Locator(".limit")).ToHaveTextAsync("5");
    }

    [Fact]
    public async Task A_mistake_is_named_before_sending_and_a_refusal_of_the_service_is_shown_next_to_the_form_with_the_typed_text_kept()
    {
        var (workspace, supervisor) = await WorkspaceWithSupervisorAsync();
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, supervisor, "/app/agents");
        var form = NewAgentForm(dashboard);

        await FillNewAgentAsync(dashboard, "not-an-email", "Omar", NewPassword);
        await dashboard.ClickAsync("Create agent");
        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Enter a valid email address.");

        await form.GetByLabel("Email").FillAsync(workspace.Agent.Account.Email);
        await form.GetByLabel("Password").FillAsync("short");
        await dashboard.ClickAsync("Create agent");
        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The password has at least 10 characters.");

        await form.GetByLabel("Password").FillAsync(NewPassword);
        await dashboard.ClickAsync("Create agent");
        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Conflict: An account with this email exists already in this workspace.");
        await Expect(form.GetByLabel("Email")).ToHaveValueAsync(workspace.Agent.Account.Email);
        await Expect(form.GetByLabel("Display name")).ToHaveValueAsync("Omar");
        await Expect(AgentRow(dashboard, "Omar")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_supervisor_creates_a_group_with_a_strategy_and_adds_a_member()
    {
        var (workspace, supervisor) = await WorkspaceWithSupervisorAsync();
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, supervisor, "/app/groups");
        var newGroup = dashboard.Page.GetByRole(AriaRole.Region, new() { Name = "New group" });

        await newGroup.GetByLabel("Group id").FillAsync("billing");
        await newGroup.GetByLabel("Name").FillAsync("Billing");
        await newGroup.GetByLabel("Strategy").SelectOptionAsync(new SelectOptionValue { Label = "Least loaded" });
        await dashboard.ClickAsync("Create group");
        var billing = dashboard.Page.GetByRole(AriaRole.Region, new() { Name = "Group Billing" });
        await Expect(billing.Locator(".summary")).ToHaveTextAsync("Least loaded");

        await billing.GetByLabel("Add a member").SelectOptionAsync(new SelectOptionValue { Label = "agent" });
        await billing.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(billing.Locator(".members")).ToContainTextAsync("agent");
        var profile = await browser.Chat.SendAsync(HttpMethod.Get, $"/api/agents/{workspace.Agent.Id}", supervisor.Token);
        profile.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).ShouldBe(["default", "billing"]);

        await billing.GetByLabel("Strategy").SelectOptionAsync(new SelectOptionValue { Label = "Sticky" });
        await billing.GetByLabel("Fallback").SelectOptionAsync(new SelectOptionValue { Label = "Least loaded" });
        await billing.GetByRole(AriaRole.Button, new() { Name = "Save routing" }).ClickAsync();
        await Expect(billing.Locator(".summary")).ToHaveTextAsync("Sticky, else Least loaded");
        await billing.GetByRole(AriaRole.Button, new() { Name = "Remove agent from Billing" }).ClickAsync();
        await Expect(billing.Locator(".members")).ToHaveTextAsync("Nobody yet.");

        dashboard.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await billing.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(billing.Locator(".state")).ToHaveTextAsync("Deleted");
        await billing.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(billing.Locator(".summary")).ToHaveTextAsync("Sticky, else Least loaded");

        await newGroup.GetByLabel("Group id").FillAsync("billing");
        await newGroup.GetByLabel("Name").FillAsync("Billing again");
        await dashboard.ClickAsync("Create group");
        await Expect(newGroup.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Conflict: Group 'billing' exists already.");
    }

    [Fact]
    public async Task The_queue_shows_each_waiting_visitor_s_place_and_wait_and_a_new_visitor_appears_live()
    {
        var (workspace, supervisor) = await WorkspaceWithSupervisorAsync(agentOnline: false);
        // The supervisor comes online with the dashboard: with no seats they watch the queue instead of emptying it.
        await browser.Chat.SendAsync(HttpMethod.Patch, $"/api/agents/{supervisor.Id}", workspace.Admin.Token, new { maxConcurrentChats = 0 });
        var first = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", first.VisitorToken, new { text = "Hello?", clientMessageId = "q1" });
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, supervisor, "/app/queue");

        var firstPlace = dashboard.Page.Locator($".place[data-conversation='{first.ConversationId}']");
        await Expect(firstPlace.Locator(".position")).ToHaveTextAsync("#1");
        await Expect(firstPlace.Locator(".wait")).ToContainTextAsync("about");
        await Expect(firstPlace).ToContainTextAsync("Live visitor");
        await Expect(firstPlace.Locator(".preview")).ToHaveTextAsync("Hello?");
        await Expect(firstPlace.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/app/inbox/unassigned/{first.ConversationId}");
        await Expect(dashboard.Page.Locator($"tr[data-agent='{workspace.Agent.Id}']")).ToContainTextAsync("Offline");

        var second = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", second.VisitorToken, new { text = "Me too", clientMessageId = "q2" });
        var secondPlace = dashboard.Page.Locator($".place[data-conversation='{second.ConversationId}']");
        await Expect(secondPlace.Locator(".position")).ToHaveTextAsync("#2");
        await Expect(dashboard.Page.Locator(".count")).ToHaveTextAsync("2");
        await Expect(dashboard.Page.Locator($"tr[data-agent='{supervisor.Id}']")).ToContainTextAsync("Online");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-supervisor-queue");

        await firstPlace.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/app/inbox/unassigned/{first.ConversationId}$"));
    }

    [Fact]
    public async Task An_admin_creates_a_webhook_and_sees_its_secret_once_and_a_reserved_address_is_refused_next_to_the_form()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Admin, "/app/webhooks");
        var form = dashboard.Page.GetByRole(AriaRole.Region, new() { Name = "New webhook" });
        // One checkbox per integration event type the service accepts, and "All events".
        await Expect(form.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(IntegrationEventTypes.All.Count + 1);
        foreach (var type in IntegrationEventTypes.All) await Expect(form.GetByLabel(type, new() { Exact = true })).ToBeVisibleAsync();

        await form.GetByLabel("URL").FillAsync("http://127.0.0.1:9/hook");
        await dashboard.ClickAsync("Create webhook");
        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose at least one event type.");
        await form.GetByLabel(IntegrationEventTypes.ThreadClosed, new() { Exact = true }).CheckAsync();
        await dashboard.ClickAsync("Create webhook");
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("reserved address");
        await Expect(form.GetByLabel("URL")).ToHaveValueAsync("http://127.0.0.1:9/hook");

        // A public address given as a literal: nothing is resolved, and no event of this workspace is delivered during the test.
        const string url = "https://203.0.114.7/chat-events";
        await form.GetByLabel("URL").FillAsync(url);
        await dashboard.ClickAsync("Create webhook");
        var secret = dashboard.Page.GetByRole(AriaRole.Status, new() { Name = "Signing secret" });
        await Expect(secret).ToContainTextAsync("shown once");
        // The API lists webhooks without their secrets, so the one shown is compared with the stored one.
        var listed = await browser.Chat.SendAsync(HttpMethod.Get, "/api/webhooks", workspace.Admin.Token);
        listed.EnumerateArray().Single().TryGetProperty("secret", out _).ShouldBeFalse();
        WebhookSubscription stored;
        await using (var session = browser.Store.QuerySession(workspace.Id))
            stored = await session.Query<WebhookSubscription>().SingleAsync();
        await Expect(secret.Locator(".secret-value")).ToHaveTextAsync(stored.Secret);
        await Expect(secret.GetByRole(AriaRole.Button, new() { Name = "Copy secret" })).ToBeVisibleAsync();
        var hook = dashboard.Page.GetByRole(AriaRole.Region, new() { Name = $"Webhook {url}" });
        await Expect(hook).ToContainTextAsync(IntegrationEventTypes.ThreadClosed);
        await hook.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        await Expect(hook).ToContainTextAsync("No deliveries yet.");
        await hook.GetByRole(AriaRole.Button, new() { Name = "Hide deliveries" }).ClickAsync();
        // Two attempts as the sender records them: a refusal by the receiver, then its acceptance.
        var subscriptionId = stored.Id;
        await using (var session = browser.Store.LightweightSession(workspace.Id))
        {
            var now = DateTimeOffset.UtcNow;
            session.Store(new WebhookDelivery(Guid.CreateVersion7(), subscriptionId, Guid.NewGuid(), IntegrationEventTypes.ThreadClosed, 1, 500,
                "Internal Server Error", false, false, now.AddSeconds(-30)));
            session.Store(new WebhookDelivery(Guid.CreateVersion7(), subscriptionId, Guid.NewGuid(), IntegrationEventTypes.ThreadClosed, 2, 200,
                null, true, false, now));
            await session.SaveChangesAsync();
        }
        await hook.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        var attempts = hook.Locator(".deliveries tbody tr");
        await Expect(attempts).ToHaveCountAsync(2);
        await Expect(attempts.Nth(0).Locator(".outcome")).ToHaveTextAsync("Delivered");
        await Expect(attempts.Nth(1).Locator(".outcome")).ToHaveTextAsync("Failed");
        await Expect(attempts.Nth(1)).ToContainTextAsync("500 Internal Server Error");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-webhooks");

        await dashboard.Page.ReloadAsync();
        await Expect(hook).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByRole(AriaRole.Status, new() { Name = "Signing secret" })).ToHaveCountAsync(0);
        await Expect(dashboard.Page.GetByText(stored.Secret)).ToHaveCountAsync(0);

        dashboard.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await hook.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(hook).ToHaveCountAsync(0);
        (await browser.Chat.SendAsync(HttpMethod.Get, "/api/webhooks", workspace.Admin.Token)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_agent_is_sent_from_the_agents_page_to_the_inbox_and_the_api_refuses_them()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent);

        await dashboard.Page.GotoAsync(dashboard.Url("/app/agents"));

        await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/inbox/mine$"));
        await Expect(dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Agents", Exact = true })).ToHaveCountAsync(0);
        (await browser.Chat.RawGetAsync("/api/agents", workspace.Agent.Token)).ShouldBe(403);
    }
}
