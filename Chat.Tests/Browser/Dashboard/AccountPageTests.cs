using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The own account page: who you are, where you are signed in, ending a session, changing the password.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPageTests(BrowserFixture browser)
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task An_agent_ends_a_session_elsewhere_and_a_password_change_signs_out_the_rest_but_not_this_page()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var agent = workspace.Agent;
        await using var phoneContext = await browser.NewContextAsync(new() { UserAgent = "Phone browser" });
        var phone = await DashboardPage.SignInAsync(browser, phoneContext, agent);
        await using var tabletContext = await browser.NewContextAsync(new() { UserAgent = "Tablet browser" });
        var tablet = await DashboardPage.SignInAsync(browser, tabletContext, agent);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, agent, "/app/account");
        var page = dashboard.Page;
        var sessions = page.Locator("tr[data-session]");

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Profile" })).ToContainTextAsync(agent.Account.Email);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Profile" })).ToContainTextAsync(workspace.Name);
        await Expect(sessions).ToHaveCountAsync(3);
        await Expect(page.Locator("tr[data-current='true']")).ToContainTextAsync("This session");

        await sessions.Filter(new() { HasText = "Phone browser" }).GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();
        await Expect(sessions).ToHaveCountAsync(2);
        await phone.Page.ReloadAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();

        var form = page.GetByRole(AriaRole.Region, new() { Name = "Change password" });
        await form.GetByLabel("Current password").FillAsync("not my password");
        await form.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await form.GetByLabel("New password again").FillAsync(NewPassword);
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("The current password is wrong.");
        await Expect(sessions).ToHaveCountAsync(2);

        await form.GetByLabel("Current password").FillAsync(TestAgent.Password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync("Password changed");
        await Expect(sessions).ToHaveCountAsync(1);
        await Expect(sessions).ToContainTextAsync("This session");
        await Screenshots.SaveAsync(page, "dashboard-account");

        await tablet.Page.ReloadAsync();
        await Expect(tablet.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Expect(sessions).ToHaveCountAsync(1);
    }
}
