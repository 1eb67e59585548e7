using Chat.Tests.Identity;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>
/// Two-factor sign-in in the dashboard: an agent sets it up on their account page (reading the secret off the page, as an
/// authenticator app would scan it), saves the recovery codes shown once, and signs in again in two steps; an admin
/// requires it of the workspace, and an agent without it is kept on their account page until they set it up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_turns_it_on_from_the_account_page_and_then_signs_in_with_a_code()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/account");
        var page = dashboard.Page;
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Two-factor sign-in" });

        await Expect(section).ToContainTextAsync("Off");
        await section.GetByLabel("Current password").FillAsync(TestAgent.Password);
        await section.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Img, new() { Name = "QR code of your two-factor secret" })).ToBeVisibleAsync();
        var secret = (await section.Locator("[data-secret]").InnerTextAsync()).Replace(" ", "");
        await Screenshots.SaveAsync(page, "dashboard-two-factor-enrol");

        await section.GetByLabel("Code").FillAsync(Authenticator.WrongCode(secret));
        await section.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Alert)).ToContainTextAsync("The code is wrong.");
        await section.GetByLabel("Code").FillAsync(Authenticator.Code(secret, -1));
        await section.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var codes = section.GetByRole(AriaRole.Status, new() { Name = "Recovery codes" });
        await Expect(codes.Locator("li")).ToHaveCountAsync(10);
        await Screenshots.SaveAsync(page, "dashboard-two-factor-recovery-codes");
        await codes.GetByRole(AriaRole.Button, new() { Name = "I have saved them" }).ClickAsync();
        await Expect(section).ToContainTextAsync("10 recovery codes left");
        await Screenshots.SaveAsync(page, "dashboard-two-factor-on");

        await dashboard.ClickAsync("Sign out");
        await dashboard.FillSignInAsync(workspace.Agent.Account.Email, TestAgent.Password);
        var second = page.GetByRole(AriaRole.Form, new() { Name = "Second step" });
        await Expect(second.GetByLabel("Code")).ToBeFocusedAsync();
        await second.GetByLabel("Code").FillAsync(Authenticator.WrongCode(secret));
        await second.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The code is wrong.");
        await Screenshots.SaveAsync(page, "dashboard-two-factor-sign-in");
        await second.GetByLabel("Code").FillAsync(Authenticator.Code(secret));
        await second.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/inbox/mine$"));
    }

    [Fact]
    public async Task An_admin_requires_it_and_an_agent_without_it_is_kept_on_the_account_page_until_they_set_it_up()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var adminContext = await browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var admin = await DashboardPage.SignInAsync(browser, adminContext, workspace.Admin, "/app/settings");
        var requirement = admin.Page.GetByRole(AriaRole.Region, new() { Name = "Two-factor sign-in" });
        var box = requirement.GetByLabel("Require two-factor sign-in for everyone");

        await box.CheckAsync();
        await Expect(requirement.GetByRole(AriaRole.Alert)).ToContainTextAsync("Turn on two-factor sign-in for your own account first");
        await Expect(box).Not.ToBeCheckedAsync();
        // Turning it on for the admin's own account (here through the API) signs out their other sessions, this page's too.
        var enrolment = await browser.Chat.PostAsync("/api/auth/2fa/enrol", workspace.Admin.Token, new { password = TestAgent.Password });
        var adminSecret = enrolment.GetProperty("secret").GetString()!;
        await browser.Chat.PostAsync("/api/auth/2fa/confirm", workspace.Admin.Token, new { code = Authenticator.Code(adminSecret, -1) });
        await admin.Page.ReloadAsync();
        await admin.FillSignInAsync(workspace.Admin.Account.Email, TestAgent.Password);
        await admin.Page.GetByLabel("Code").FillAsync(Authenticator.Code(adminSecret));
        await admin.ClickAsync("Verify");
        await Expect(admin.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/settings$"));
        await box.CheckAsync();
        await Expect(requirement.GetByRole(AriaRole.Status)).ToContainTextAsync("Required.");
        await Expect(box).ToBeCheckedAsync();
        await Screenshots.SaveAsync(admin.Page, "dashboard-two-factor-required-setting");

        await using var context = await browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var agent = await DashboardPage.SignInAsync(browser, context, workspace.Agent, "/app/inbox/mine");
        var page = agent.Page;
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/account$"));
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Two-factor sign-in" });
        await Expect(section.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your workspace requires two-factor sign-in");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inbox" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "dashboard-two-factor-required");
        await page.GotoAsync(browser.ChatUrl + "/app/inbox/all");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/account$"));

        await section.GetByLabel("Current password").FillAsync(TestAgent.Password);
        await section.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        var secret = (await section.Locator("[data-secret]").InnerTextAsync()).Replace(" ", "");
        await section.GetByLabel("Code").FillAsync(Authenticator.Code(secret));
        await section.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Status, new() { Name = "Recovery codes" }).Locator("li")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/inbox/mine$"));
    }
}
