using Chat.Tests.RealTime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>An admin builds a shared macro step by step; an agent runs it on a conversation in one click.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MacroPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_shared_macro_built_on_the_macros_page_is_run_from_the_conversation()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var adminContext = await browser.NewContextAsync();
        var admin = await DashboardPage.SignInAsync(browser, adminContext, workspace.Admin, "/app/macros");
        await admin.SetStatusAsync("Away", workspace.Admin);
        await browser.Chat.SendAsync(HttpMethod.Post, "/api/canned-responses", workspace.Admin.Token,
            new { scope = "shared", shortcut = "soon", title = "Soon", text = "We will write to you by {{agent.name}}." });
        await admin.Page.ReloadAsync();
        var page = admin.Page;
        await page.GetByLabel("Name").FillAsync("Billing escalation");
        await page.GetByLabel("Scope").SelectOptionAsync("Shared");
        await page.GetByLabel("Step 1 tags").FillAsync("billing, vip");
        await admin.ClickAsync("Add a step");
        await page.GetByLabel("Step 2", new() { Exact = true }).SelectOptionAsync("SetPriority");
        await page.GetByLabel("Step 2 priority").SelectOptionAsync("High");
        await admin.ClickAsync("Add a step");
        await page.GetByLabel("Step 3 text").FillAsync("Our billing team will look at this <today>.");
        await admin.ClickAsync("Add a step");
        await page.GetByLabel("Step 4", new() { Exact = true }).SelectOptionAsync("Canned");
        await page.GetByLabel("Step 4 canned response").SelectOptionAsync(new SelectOptionValue { Label = "/soon · Soon" });
        await admin.ClickAsync("Create macro");
        var listed = page.Locator(".macro-list li").Filter(new() { HasText = "Billing escalation" });
        await Expect(listed).ToContainTextAsync("Tag billing, vip · Priority High · Reply \"Our billing team will look at this <today>.\" · Canned /soon");
        await Screenshots.SaveAsync(page, "dashboard-macros");

        await using var agentContext = await browser.NewContextAsync();
        var agent = await DashboardPage.SignInAsync(browser, agentContext, workspace.Agent, "/app/inbox/unassigned");
        await agent.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "I was charged twice", clientMessageId = "v1" });
        await agent.Row(session.ConversationId).ClickAsync();
        await agent.Page.GetByLabel("Macro to run").SelectOptionAsync(new SelectOptionValue { Label = "Billing escalation" });
        await agent.ClickAsync("Run");

        await Expect(agent.Transcript.Locator(".line.agent .line-text")).ToHaveTextAsync(
            ["Our billing team will look at this <today>.", $"We will write to you by {workspace.Agent.Account.DisplayName}."]);
        await Expect(agent.Page.GetByLabel("Thread priority")).ToHaveValueAsync("High");
        await Expect(agent.Page.Locator(".details .tag")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("^billing"), new System.Text.RegularExpressions.Regex("^vip")]);
        await Expect(agent.Transcript.Locator(".line.system")).ToHaveTextAsync([
            "Tagged billing by you (macro)", "Tagged vip by you (macro)", "Priority High by you (macro)", "Assigned to you by you (macro)"]);
        await Screenshots.SaveAsync(agent.Page, "dashboard-macro-run");
    }
}
