using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Conversations.Starting;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Extensions.Options;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>A visitor who comes back: with a token long expired, and to messages the agent changed meanwhile.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetReturnTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_whose_token_expired_days_ago_is_back_in_the_same_conversation()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/return.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("Do you rent bikes?");
        var conversationId = await agent.NextConversationAsync();
        await agent.ReplyAsync(conversationId, "Yes, by the day.");
        await Expect(widget.AgentMessages).ToHaveCountAsync(1);
        var visitorId = (await browser.Chat.SendAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", workspace.Agent.Token))
            .GetProperty("conversation").GetProperty("visitorId").GetString()!;

        // Three days later: the kept token expired two days ago, though the widget's note of its expiry says otherwise,
        // so the service's 401 is what tells it.
        var (expired, _) = IssuedDaysAgo(3).ForVisitor(workspace.Id, new VisitorProfile(visitorId, null, null, "widget", "default"));
        await widget.Page.EvaluateAsync("""
            token => {
              const key = Object.keys(localStorage).find(k => k.endsWith(':token'));
              localStorage.setItem(key, JSON.stringify({ token, expiresAt: new Date(Date.now() + 3600e3).toISOString() }));
            }
            """, expired);
        (await browser.Chat.RawGetAsync("/api/visitor/conversation", expired)).ShouldBe(401);

        await widget.Page.ReloadAsync();
        await widget.OpenPanelAsync();

        await Expect(widget.Widget.Locator(".msg .bubble")).ToHaveTextAsync(["Do you rent bikes?", "Yes, by the day."]);
        var renewed = await widget.StoredTokenAsync();
        renewed.ShouldNotBe(expired);
        (await browser.Chat.RawGetAsync("/api/visitor/conversation", renewed)).ShouldBe(200);
        await agent.ReplyAsync(conversationId, "Welcome back!");
        await Expect(widget.AgentMessages.Last).ToHaveTextAsync("Welcome back!");
    }

    [Fact]
    public async Task Messages_the_agent_edits_or_deletes_change_in_place_for_the_visitor()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/edits.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("What are your hours?");
        var conversationId = await agent.NextConversationAsync();
        var wrong = await agent.ReplyAsync(conversationId, "We open at 8.");
        var oops = await agent.ReplyAsync(conversationId, "Wrong window, sorry");
        await Expect(widget.AgentMessages).ToHaveTextAsync(["We open at 8.", "Wrong window, sorry"]);

        await browser.Chat.SendAsync(HttpMethod.Patch, $"/api/conversations/{conversationId}/messages/{wrong.GetProperty("messageId")}",
            workspace.Agent.Token, new { text = "We open at 9." });
        await browser.Chat.SendAsync(HttpMethod.Delete, $"/api/conversations/{conversationId}/messages/{oops.GetProperty("messageId")}",
            workspace.Agent.Token);

        await Expect(widget.AgentMessages).ToHaveTextAsync(["We open at 9.", "This message was deleted."]);
        await Expect(widget.Widget.Locator(".msg.theirs").First.Locator(".edited")).ToHaveTextAsync("(edited)");
        await Expect(widget.Widget.Locator(".msg.theirs.deleted")).ToHaveCountAsync(1);
    }

    private static TokenIssuer IssuedDaysAgo(int days) =>
        new(Options.Create(new ChatOptions { Auth = { SigningKey = ChatApp.SigningKey } }), new FixedClock(DateTimeOffset.UtcNow.AddDays(-days)));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
