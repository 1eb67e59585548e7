using System.Security.Cryptography;
using System.Text;
using Chat.Tests.Browser.Dashboard;
using Chat.Tests.RealTime;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>An agent writes first to a signed-in customer from the dashboard; the customer finds it in the widget the next time they open it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetFollowUpTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_signed_in_customer_finds_the_agents_follow_up_when_they_next_open_the_widget()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var secret = (await browser.Chat.SendAsync(HttpMethod.Post, "/api/workspace/identity-secret", workspace.Admin.Token))
            .GetProperty("secret").GetString()!;
        const string name = "Grace Hopper", email = "grace@example.test", customer = "customer-1906";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{customer}\n{email}\n{name}")));
        var script = $"""<script src="{browser.ChatUrl}/widget.js" data-widget-key="{workspace.WidgetKey}" data-visitor-id="{customer}" """ +
                     $"""data-visitor-name="{name}" data-visitor-email="{email}" data-visitor-signature="{signature}" async></script>""";

        Guid conversationId;
        await using (var yesterday = await browser.NewContextAsync())
        {
            var widget = await WidgetPage.OpenAsync(browser, yesterday, browser.Site, "/account.html", script);
            await widget.OpenPanelAsync();
            await widget.SendAsync("My order is late");
            await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent");
        }
        var inbox = await browser.Chat.SendAsync(HttpMethod.Get, "/api/inbox?view=all", workspace.Agent.Token);
        conversationId = inbox.GetProperty("items")[0].GetProperty("id").GetGuid();
        await browser.Chat.PostAsync($"/api/conversations/{conversationId}/close", workspace.Agent.Token, new { });

        await using (var desk = await browser.NewContextAsync())
        {
            var dashboard = await DashboardPage.SignInAsync(browser, desk, workspace.Agent, "/app/search");
            await dashboard.Page.GetByLabel("Customer id or email").FillAsync(customer);
            await dashboard.Page.GetByLabel("Follow-up message").FillAsync("Good news: your order left our warehouse today.");
            await dashboard.ClickAsync("Send follow-up");
            await dashboard.Page.WaitForURLAsync($"**/app/inbox/mine/{conversationId}");
            await Expect(dashboard.Transcript.Locator(".line.agent .line-text")).ToHaveTextAsync(["Good news: your order left our warehouse today."]);
            await Screenshots.SaveAsync(dashboard.Page, "dashboard-follow-up");
        }

        await using var today = await browser.NewContextAsync();
        var again = await WidgetPage.OpenAsync(browser, today, browser.Site, "/account.html", script);
        await again.OpenPanelAsync();
        await Expect(again.AgentMessages.Last).ToHaveTextAsync("Good news: your order left our warehouse today.");
        await Screenshots.SaveAsync(again.Page, "widget-agent-follow-up");
    }
}
