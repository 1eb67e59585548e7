using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The agents' dashboard as a signed-in member of staff uses it, found by role and label.</summary>
public sealed class DashboardPage(IPage page, BrowserFixture browser)
{
    public IPage Page { get; } = page;
    public ILocator Rows => Page.Locator(".rows .row");
    public ILocator Transcript => Page.GetByRole(AriaRole.Log, new() { Name = "Transcript" });
    public ILocator Lines => Transcript.Locator(".line");
    public ILocator Reply => Page.GetByRole(AriaRole.Textbox, new() { Name = "Reply" });
    public ILocator Routing => Page.GetByRole(AriaRole.Region, new() { Name = "Routing explanation" });
    public ILocator ActionError => Page.Locator(".action-error");

    public static async Task<DashboardPage> SignInAsync(BrowserFixture browser, IBrowserContext context, TestAgent agent, string path = "/app/")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.ChatUrl + path);
        var dashboard = new DashboardPage(page, browser);
        await dashboard.FillSignInAsync(agent.Account.Email, TestAgent.Password);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return dashboard;
    }

    public async Task FillSignInAsync(string email, string password)
    {
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Chooses a status in the header and waits until the service has it.</summary>
    public async Task SetStatusAsync(string status, TestAgent agent)
    {
        await Page.GetByLabel("Your status").SelectOptionAsync(status);
        await Eventually.Async(async () => (await browser.Chat.SendAsync(HttpMethod.Get, "/api/agents/presence", agent.Token))
            .EnumerateArray().Any(p => p.GetProperty("id").GetGuid() == agent.Id && p.GetProperty("status").GetString() == status),
            $"the agent {status}");
    }

    public Task OpenViewAsync(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    public ILocator Row(Guid conversationId) => Page.Locator($".row[data-conversation='{conversationId}']");

    public async Task SendReplyAsync(string text)
    {
        await Reply.FillAsync(text);
        await Reply.PressAsync("Enter");
    }

    public Task ClickAsync(string button) => Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    public string Url(string path) => browser.ChatUrl + path;
}
