using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The dashboard's search: words typed, conversations listed with their matches marked, one opened with a click.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_agent_searches_sees_the_matches_marked_and_opens_a_result()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var parcel = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", parcel.VisitorToken,
            new { text = "My parcel never arrived, and the <b>tracking</b> page says it was delivered", clientMessageId = "v1" });
        var other = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", other.VisitorToken, new { text = "Do you sell gift cards?", clientMessageId = "v1" });
        await browser.Chat.PostAsync($"/api/conversations/{parcel.ConversationId}/notes", workspace.Agent.Token,
            new { text = "Parcel lost by the courier: refund approved", clientMessageId = "n1" });
        // The index is kept by the async daemon: wait until it holds the note, the last thing written.
        await Eventually.Async(async () => (await browser.Chat.SendAsync(HttpMethod.Get, "/api/search?q=courier", workspace.Agent.Token))
            .GetProperty("results").GetArrayLength() == 1, "the search index caught up");

        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/all");
        await dashboard.OpenViewAsync("Search");
        await dashboard.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search conversations" }).FillAsync("parcel");
        await dashboard.ClickAsync("Search");

        var results = dashboard.Page.Locator(".results .result");
        await Expect(results).ToHaveCountAsync(1);
        await Expect(results.Locator(".hit")).ToHaveCountAsync(2);
        await Expect(results.Locator(".hit.note")).ToContainTextAsync("Note");
        await Expect(results.Locator("mark")).ToHaveTextAsync(["parcel", "parcel"], new() { IgnoreCase = true });
        // Markup in a message is text: no <b> element was made from it.
        await Expect(results.Locator(".hit:not(.note) .snippet")).ToContainTextAsync("<b>tracking</b>");
        (await results.Locator(".snippet b").CountAsync()).ShouldBe(0);
        dashboard.Page.Url.ShouldContain("/app/search?q=parcel");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-search");

        await results.First.ClickAsync();
        await dashboard.Page.WaitForURLAsync($"**/app/inbox/all/{parcel.ConversationId}");
        await Expect(dashboard.Transcript.Locator(".line.visitor .line-text")).ToContainTextAsync(["My parcel never arrived"]);

        await dashboard.Page.GoBackAsync();
        await Expect(results).ToHaveCountAsync(1);
        await dashboard.Page.GetByLabel("From", new() { Exact = true }).FillAsync(DateTime.Now.AddDays(2).ToString("yyyy-MM-dd"));
        await dashboard.Page.GetByLabel("To", new() { Exact = true }).FillAsync(DateTime.Now.AddDays(1).ToString("yyyy-MM-dd"));
        await dashboard.ClickAsync("Search");
        await Expect(dashboard.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("later than from");
    }
}
