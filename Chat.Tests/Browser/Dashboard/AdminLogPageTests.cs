using Chat.Api.AdminLog;
using Chat.Api.Identity;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Marten;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The admin log page: who changed what, with the values before and after, filtered and paged; for admins and auditors only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminLogPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_sees_an_agents_role_change_with_before_and_after_filters_by_action_and_loads_older_entries()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await GivenOldEntriesAsync(workspace, 55);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Admin, "/app/agents");
        var agentRow = dashboard.Page.Locator($"tr[data-agent='{workspace.Agent.Id}']");
        await agentRow.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await dashboard.Page.GetByRole(AriaRole.Form, new() { Name = "Edit agent" }).GetByLabel("Role").SelectOptionAsync("Supervisor");
        await dashboard.ClickAsync("Save");
        await Expect(agentRow).ToContainTextAsync("Supervisor");

        await dashboard.OpenViewAsync("Admin log");

        var entries = dashboard.Page.Locator("tr[data-entry]");
        var change = entries.First;
        await Expect(change).ToHaveAttributeAsync("data-action", AdminActions.AgentChanged);
        await Expect(change).ToContainTextAsync("admin");
        await Expect(change.Locator(".target")).ToHaveTextAsync("agent");
        await Expect(change.Locator(".changes li")).ToHaveTextAsync(["role: Agent → Supervisor"]);
        await Expect(entries).ToHaveCountAsync(50);
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-admin-log");

        await dashboard.Page.GetByLabel("Action").SelectOptionAsync(AdminActions.AgentChanged);
        await Expect(entries).ToHaveCountAsync(1);
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Load older" })).ToHaveCountAsync(0);

        await dashboard.Page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "All group.…" });
        await Expect(entries).ToHaveCountAsync(50);
        await dashboard.ClickAsync("Load older");
        await Expect(entries).ToHaveCountAsync(55);
        await Expect(entries.Last).ToContainTextAsync("nobody (the service)");
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Load older" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-admin-log-older");
    }

    [Fact]
    public async Task Auditors_are_offered_the_admin_log_and_agents_are_not()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var auditor = await WorkspaceSeed.AddAgentAsync(browser.Store, LiveCluster.Tokens, workspace.Workspace, "audrey", Roles.Auditor);
        await using var auditorContext = await browser.NewContextAsync();
        await using var agentContext = await browser.NewContextAsync();

        var auditing = await DashboardPage.SignInAsync(browser, auditorContext, auditor, "/app/admin-log");
        var working = await DashboardPage.SignInAsync(browser, agentContext, workspace.Agent, "/app/inbox/mine");

        await Expect(auditing.Page.Locator($"tr[data-action='{AdminActions.OriginsChanged}']")).ToContainTextAsync("admin");
        await Expect(working.Page.GetByRole(AriaRole.Link, new() { Name = "Admin log" })).ToHaveCountAsync(0);
        await working.Page.GotoAsync(browser.ChatUrl + "/app/admin-log");
        await Expect(working.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/inbox/mine$"));
    }

    /// <summary>Given group changes made two days ago by nobody the log knows, one a minute apart.</summary>
    private async Task GivenOldEntriesAsync(BrowserWorkspace workspace, int count)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        await using var session = browser.Store.LightweightSession();
        session.Insert(Enumerable.Range(0, count).Select(i => new AdminLogEntry(Guid.CreateVersion7(), workspace.Id, start.AddMinutes(i), null,
            "192.0.2.1", AdminActions.GroupChanged, "sales", $$"""{"name":"Sales {{i}}"}""", $$"""{"name":"Sales {{i + 1}}"}""")).ToArray());
        await session.SaveChangesAsync();
    }
}
