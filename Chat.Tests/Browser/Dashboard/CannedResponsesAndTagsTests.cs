using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The agents' daily tools in the dashboard: canned responses from the reply box, tags in their colours.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CannedResponsesAndTagsTests(BrowserFixture browser)
{
    [Fact]
    public async Task Typing_a_slash_and_a_shortcut_suggests_responses_and_the_chosen_one_is_sent_with_its_placeholders_filled()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await browser.Chat.PostAsync("/api/canned-responses", workspace.Admin.Token, new
        {
            scope = "shared", shortcut = "welcome", title = "Welcome",
            text = "Hi {{visitor.name}}, {{agent.name}} of {{workspace.name}} here. How can I help?",
        });
        await browser.Chat.PostAsync("/api/canned-responses", workspace.Agent.Token, new
        {
            shortcut = "welcome-back", title = "Welcome back", text = "Good to see you again, {{visitor.name}}! We write to {{visitor.email}}.",
        });
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/unassigned");
        await dashboard.SetStatusAsync("Away", workspace.Agent);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(browser.ChatUrl, "visitor", session.VisitorToken);
        await browser.Chat.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Hello?", clientMessageId = "v1" });
        await dashboard.Row(session.ConversationId).ClickAsync();
        await dashboard.ClickAsync("Take");

        await dashboard.Reply.PressSequentiallyAsync("/wel");
        var suggestions = dashboard.Page.GetByRole(AriaRole.Listbox, new() { Name = "Canned responses" });
        await Expect(suggestions.GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await Expect(suggestions.GetByRole(AriaRole.Option, new() { Selected = true })).ToContainTextAsync("/welcome");
        await dashboard.Reply.PressAsync("ArrowDown");
        await Expect(suggestions.GetByRole(AriaRole.Option, new() { Selected = true })).ToContainTextAsync("/welcome-back");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-canned-suggestions");
        await dashboard.Reply.PressAsync("Escape");
        await Expect(suggestions).ToBeHiddenAsync();
        await Expect(dashboard.Reply).ToHaveValueAsync("/wel");

        await dashboard.Reply.PressSequentiallyAsync("come-b");
        await dashboard.Reply.PressAsync("Tab");
        await Expect(dashboard.Reply).ToHaveValueAsync("Good to see you again, Live visitor! We write to {{visitor.email}}.");
        await dashboard.Reply.FillAsync("/welcome");
        await dashboard.Reply.PressAsync("Enter");
        var filled = $"Hi Live visitor, agent of {workspace.Name} here. How can I help?";
        await Expect(dashboard.Reply).ToHaveValueAsync(filled);
        await dashboard.Reply.PressAsync("Enter");

        await Expect(dashboard.Transcript.Locator(".line.agent .line-text").Last).ToHaveTextAsync(filled);
        (await visitor.WaitForEventAsync("message_posted", m => m.Data.GetProperty("authorKind").GetString() == "Agent"))
            .Data.GetProperty("text").GetString().ShouldBe(filled);
    }

    [Fact]
    public async Task Catalogue_tags_show_in_their_colours_under_their_current_names_in_the_inbox_its_filter_and_the_conversation()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var tag = await browser.Chat.PostAsync("/api/tags", workspace.Admin.Token, new { name = "billing", colour = "#aa2200" });
        await browser.Chat.PostAsync("/api/tags", workspace.Admin.Token, new { name = "vip", colour = "#1f7a3a" });
        var tagged = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        var other = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", tagged.VisitorToken, new { text = "My invoice is wrong", clientMessageId = "v1" });
        await browser.Chat.PostAsync("/api/visitor/messages", other.VisitorToken, new { text = "Just browsing", clientMessageId = "v1" });
        await browser.Chat.PostAsync($"/api/conversations/{tagged.ConversationId}/tags", workspace.Agent.Token, new { tag = "billing" });
        await browser.Chat.SendAsync(HttpMethod.Patch, $"/api/tags/{tag.GetProperty("id").GetGuid()}", workspace.Admin.Token, new { name = "payments" });

        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/all");
        var chip = dashboard.Row(tagged.ConversationId).Locator(".tag");
        await Expect(chip).ToHaveTextAsync("payments");
        await Expect(chip).ToHaveCSSAsync("border-left-color", "rgb(170, 34, 0)");
        await Expect(dashboard.Rows).ToHaveCountAsync(2);

        var filter = dashboard.Page.GetByRole(AriaRole.Group, new() { Name = "Filter by catalogue tag" });
        await Expect(filter.GetByRole(AriaRole.Button, new() { Name = "vip" })).ToHaveCSSAsync("border-left-color", "rgb(31, 122, 58)");
        await filter.GetByRole(AriaRole.Button, new() { Name = "payments" }).ClickAsync();
        await Expect(dashboard.Rows).ToHaveCountAsync(1);
        await Expect(dashboard.Row(tagged.ConversationId)).ToBeVisibleAsync();

        await dashboard.Row(tagged.ConversationId).ClickAsync();
        var details = dashboard.Page.GetByRole(AriaRole.Complementary, new() { Name = "Details" });
        await Expect(details.Locator(".tag")).ToContainTextAsync("payments");
        await Expect(details.Locator(".tag")).ToHaveCSSAsync("border-left-color", "rgb(170, 34, 0)");
        await Expect(dashboard.Transcript.Locator(".line.system", new() { HasText = "Tagged" })).ToHaveTextAsync("Tagged payments by you");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-tag-colours");
    }

    [Fact]
    public async Task Supervisors_manage_tags_and_agents_their_canned_responses_on_their_pages()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var admin = await DashboardPage.SignInAsync(browser, context, workspace.Admin, "/app/tags");
        await admin.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Refunds");
        await admin.ClickAsync("Create tag");
        var entry = admin.Page.Locator(".tag-list li[data-tag='refunds']");
        await Expect(entry).ToBeVisibleAsync();
        await admin.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("refunds");
        await admin.ClickAsync("Create tag");
        await Expect(admin.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("taken");
        await admin.Page.GetByLabel("Agents may tag conversations with any tag").UncheckAsync();
        await Expect(admin.Page.GetByLabel("Agents may tag conversations with any tag")).Not.ToBeCheckedAsync();
        await Eventually.Async(async () => !(await browser.Chat.SendAsync(HttpMethod.Get, "/api/tags", workspace.Agent.Token)).GetProperty("freeTags").GetBoolean(),
            "free tags turned off");
        await Screenshots.SaveAsync(admin.Page, "dashboard-tags");

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Canned", Exact = true }).ClickAsync();
        await admin.Page.GetByLabel("Shared or personal").SelectOptionAsync("shared");
        await admin.Page.GetByLabel("Shortcut", new() { Exact = true }).FillAsync("refund");
        await admin.Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Refund on its way");
        await admin.Page.GetByLabel("Text", new() { Exact = true }).FillAsync("Hi {{visitor.name}}, your refund is on its way.");
        await admin.ClickAsync("Create");
        var shared = admin.Page.GetByRole(AriaRole.Region, new() { Name = "Shared canned responses" });
        await Expect(shared.Locator("li[data-shortcut='refund']")).ToContainTextAsync("Hi {{visitor.name}}, your refund is on its way.");
        await shared.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(shared.Locator("li[data-shortcut='refund']")).ToContainTextAsync("Deleted");
        await shared.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(shared.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(admin.Page, "dashboard-canned-responses");
    }
}
