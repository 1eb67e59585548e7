using System.Security.Cryptography;
using System.Text;
using Chat.Tests.Browser.Dashboard;
using Chat.Tests.RealTime;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>A customer signed in on the business's site is one verified person, on their laptop and their phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetIdentityTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_signed_in_customer_finds_their_conversation_on_another_device_and_the_agent_sees_them_verified()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var secret = (await browser.Chat.SendAsync(HttpMethod.Post, "/api/workspace/identity-secret", workspace.Admin.Token))
            .GetProperty("secret").GetString()!;
        const string name = "Ada Lovelace", email = "ada@example.test", customer = "customer-1815";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{customer}\n{email}\n{name}")));
        var script = $"""<script src="{browser.ChatUrl}/widget.js" data-widget-key="{workspace.WidgetKey}" data-visitor-id="{customer}" """ +
                     $"""data-visitor-name="{name}" data-visitor-email="{email}" data-visitor-signature="{signature}" async></script>""";

        await using (var laptop = await browser.NewContextAsync())
        {
            var widget = await WidgetPage.OpenAsync(browser, laptop, browser.Site, "/account.html", script);
            await widget.OpenPanelAsync();
            await widget.SendAsync("Sent from my laptop");
            await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent");
        }
        await using var phoneContext = await browser.NewContextAsync();
        var phone = await WidgetPage.OpenAsync(browser, phoneContext, browser.Site, "/account.html", script);
        await phone.OpenPanelAsync();
        await Expect(phone.OwnMessages.Locator(".bubble")).ToHaveTextAsync(["Sent from my laptop"]);
        await phone.SendAsync("And now from my phone");
        await Expect(phone.OwnMessages.Locator(".bubble")).ToHaveTextAsync(["Sent from my laptop", "And now from my phone"]);

        await using var desk = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, desk, workspace.Agent, "/app/inbox/all");
        var row = dashboard.Page.Locator(".rows .row", new() { HasText = name });
        await Expect(row.Locator(".verified")).ToHaveTextAsync("Verified");
        await row.ClickAsync();
        await Expect(dashboard.Page.Locator(".pane-head h2 .verified")).ToHaveTextAsync("Verified");
        await Expect(dashboard.Transcript.Locator(".line.visitor .line-text")).ToHaveTextAsync(["Sent from my laptop", "And now from my phone"]);
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-verified-visitor");
    }
}
