using Chat.Tests.RealTime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>Bad networks: what the visitor misses while offline arrives once and in order, and what they write offline is sent once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetNetworkTests(BrowserFixture browser)
{
    [Fact]
    public async Task Replies_sent_while_the_visitor_is_offline_all_show_once_and_in_order_when_they_are_back()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var network = await NetworkDrops.InstallAsync(context);
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/offline.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("I am on a train");
        var conversationId = await agent.NextConversationAsync();
        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent");

        await network.GoOfflineAsync();
        await Expect(widget.Banner).ToHaveTextAsync("Reconnecting…");
        string[] replies = ["One", "Two", "Three", "Four", "Five"];
        foreach (var reply in replies) await agent.ReplyAsync(conversationId, reply);
        await widget.Page.WaitForTimeoutAsync(1000);
        (await widget.AgentMessages.CountAsync()).ShouldBe(0);
        await Screenshots.SaveAsync(widget.Page, "widget-reconnecting");
        await network.ComeBackAsync();

        await Expect(widget.AgentMessages).ToHaveTextAsync(replies, new() { Timeout = 45_000 });
        await Expect(widget.Banner).ToBeHiddenAsync();
        await widget.Page.WaitForTimeoutAsync(1000);
        await Expect(widget.AgentMessages).ToHaveTextAsync(replies);
    }

    [Fact]
    public async Task A_message_written_offline_waits_and_is_delivered_once_when_the_network_is_back()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var network = await NetworkDrops.InstallAsync(context);
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/queued.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("First, online");
        var conversationId = await agent.NextConversationAsync();
        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent");

        await network.GoOfflineAsync();
        await widget.SendAsync("Second, written in a tunnel");
        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Waiting for connection…");
        await network.ComeBackAsync();

        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent", new() { Timeout = 45_000 });
        await agent.VisitorMessageAsync("Second, written in a tunnel");
        var transcript = await browser.Chat.SendAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", workspace.Agent.Token);
        var texts = transcript.GetProperty("currentThread").GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("text").GetString()).ToList();
        texts.ShouldBe(["First, online", "Second, written in a tunnel"]);
        await Expect(widget.OwnMessages).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_message_refused_as_too_long_goes_back_to_the_composer_with_the_reason_in_plain_words()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/long.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        var tooLong = new string('a', 5000);

        await widget.Composer.FillAsync(tooLong);
        await widget.Composer.PressAsync("Enter");

        await Expect(widget.ComposerError).ToContainTextAsync("Your message is too long");
        await Expect(widget.Composer).ToHaveValueAsync(tooLong);
        await Expect(widget.OwnMessages).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_refused_message_offers_a_retry_that_sends_it_under_the_same_client_message_id()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/retry.html", browser.WidgetScript(workspace));
        var clientIds = new List<string>();
        var refused = false;
        // The first attempt is refused as a conflict would be; the retry reaches the service.
        await context.RouteAsync("**/api/visitor/messages", async route =>
        {
            using var body = System.Text.Json.JsonDocument.Parse(route.Request.PostData!);
            lock (clientIds) clientIds.Add(body.RootElement.GetProperty("clientMessageId").GetString()!);
            if (!refused)
            {
                refused = true;
                await route.FulfillAsync(new()
                {
                    Status = 409, ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = browser.Site.Origin },
                    Body = """{"status":409,"title":"Conflict","detail":"The conversation changed meanwhile."}""",
                });
            }
            else await route.ContinueAsync();
        });
        await widget.OpenPanelAsync();

        await widget.Composer.FillAsync("Line one");
        await widget.Composer.PressAsync("Shift+Enter");
        await widget.Composer.PressSequentiallyAsync("line two");
        await Expect(widget.OwnMessages).ToHaveCountAsync(0);
        await widget.Composer.PressAsync("Enter");

        var own = widget.OwnMessages.Last;
        await Expect(own.Locator(".delivery")).ToHaveTextAsync("Not sent. That did not work: The conversation changed meanwhile.");
        await widget.Widget.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(own.Locator(".delivery")).ToHaveTextAsync("Sent");
        await Expect(own.Locator(".bubble")).ToHaveTextAsync("Line one\nline two");
        await agent.VisitorMessageAsync("Line one\nline two");
        clientIds.Count.ShouldBe(2);
        clientIds.Distinct().ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(503, "The service is busy. We will keep trying.")]
    [InlineData(429, "You are sending messages too quickly. We will try again shortly.")]
    public async Task A_message_answered_later_is_kept_pending_explained_and_sent_once_the_service_takes_it(int status, string explained)
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/busy.html", browser.WidgetScript(workspace));
        var refusals = 0;
        // Two answers of 503, as an outage gives them, then the real service.
        await context.RouteAsync("**/api/visitor/messages", async route =>
        {
            if (Interlocked.Increment(ref refusals) <= 2)
                await route.FulfillAsync(new()
                {
                    Status = status, ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1", ["Access-Control-Allow-Origin"] = browser.Site.Origin },
                    Body = $$"""{"status":{{status}},"title":"Later, please","detail":"Not now."}""",
                });
            else await route.ContinueAsync();
        });
        await widget.OpenPanelAsync();

        await widget.SendAsync("Are you open on Sunday?");

        await Expect(widget.ComposerError).ToHaveTextAsync(explained);
        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent", new() { Timeout = 30_000 });
        await agent.VisitorMessageAsync("Are you open on Sunday?");
        await Expect(widget.ComposerError).ToBeHiddenAsync();
        refusals.ShouldBe(3);
    }
}
