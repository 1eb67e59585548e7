using System.Text.Json;
using Chat.Tests.RealTime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>A visitor chats through the widget on a business's site (another origin than Chat's) with an agent on the other end.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetConversationTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitors_message_reaches_the_agent_and_the_reply_appears_live_with_the_agents_name()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/conversation.html", browser.WidgetScript(workspace));

        await widget.OpenPanelAsync();
        await Expect(widget.Panel).ToHaveAccessibleNameAsync($"Chat with {workspace.Name}");
        await widget.SendAsync("Does the Folding 8 fit in a car boot?");

        await agent.VisitorMessageAsync("Does the Folding 8 fit in a car boot?");
        var conversationId = await agent.NextConversationAsync();
        await Expect(widget.Notices.Last).ToHaveTextAsync($"{workspace.Agent.Account.DisplayName} joined the chat.");
        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent");
        await agent.ReplyAsync(conversationId, "It does, folded it is 60 by 80 cm.");

        await Expect(widget.AgentMessages).ToHaveTextAsync(["It does, folded it is 60 by 80 cm."]);
        await Expect(widget.Widget.Locator(".msg.theirs .author")).ToHaveTextAsync([workspace.Agent.Account.DisplayName]);
        await Expect(widget.Widget.Locator(".header .status")).ToHaveTextAsync(workspace.Agent.Account.DisplayName);
        await Screenshots.SaveAsync(widget.Page, "widget-conversation");
    }

    [Fact]
    public async Task The_own_message_shows_pending_then_sent_with_its_stored_version()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/versions.html", browser.WidgetScript(workspace));
        // Held back a moment, so the pending state is there to see before the service answers.
        await context.RouteAsync("**/api/visitor/messages", async route =>
        {
            await Task.Delay(1500);
            await route.ContinueAsync();
        });

        await widget.OpenPanelAsync();
        await widget.SendAsync("Hello");

        var own = widget.OwnMessages.Last;
        await Expect(own.Locator(".delivery")).ToHaveTextAsync("Sending…");
        await Expect(own).ToHaveAttributeAsync("data-version", "0");
        await Expect(own.Locator(".delivery")).ToHaveTextAsync("Sent");
        // The first message of a thread follows thread_started and thread_queued: it is the stream's third fact.
        await Expect(own).ToHaveAttributeAsync("data-version", "3");
    }

    [Fact]
    public async Task Typing_shows_on_both_sides()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/typing.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("Hi");
        var conversationId = await agent.NextConversationAsync();
        await Expect(widget.Notices.Last).ToContainTextAsync("joined the chat");

        await agent.TypingAsync(conversationId);
        await Expect(widget.Typing).ToHaveTextAsync($"{workspace.Agent.Account.DisplayName} is typing…");
        await Screenshots.SaveAsync(widget.Page, "widget-agent-typing");

        await widget.Composer.PressSequentiallyAsync("I have a question about");
        var typing = await agent.VisitorTypingAsync();
        typing.Payload.GetProperty("side").GetString().ShouldBe("Visitor");
        typing.Payload.GetProperty("conversationId").GetGuid().ShouldBe(conversationId);
    }

    [Fact]
    public async Task Unread_replies_are_counted_on_the_closed_launcher_and_cleared_with_a_read_receipt_on_opening()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/unread.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("Are you there?");
        var conversationId = await agent.NextConversationAsync();
        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent");
        await widget.Page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Launcher).ToBeFocusedAsync();

        await agent.ReplyAsync(conversationId, "Yes!");
        var last = await agent.ReplyAsync(conversationId, "How can I help?");

        await Expect(widget.Badge).ToHaveTextAsync("2");
        await Expect(widget.Launcher).ToHaveAccessibleNameAsync("Open chat (2 unread messages)");
        await Screenshots.SaveAsync(widget.Page, "widget-unread-launcher");
        await widget.Launcher.ClickAsync();

        await Expect(widget.Badge).ToBeHiddenAsync();
        var read = await agent.VisitorReadAsync();
        read.Data.GetProperty("upToVersion").GetInt64().ShouldBe(last.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_agents_read_receipt_shows_as_seen_under_the_visitors_message()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/seen.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("Is my order shipped?");
        var conversationId = await agent.NextConversationAsync();
        var own = widget.OwnMessages.Last;
        await Expect(own.Locator(".delivery")).ToHaveTextAsync("Sent");

        await agent.MarkReadAsync(conversationId, long.Parse((await own.GetAttributeAsync("data-version"))!));

        await Expect(own.Locator(".delivery")).ToHaveTextAsync("Seen");
    }

    [Fact]
    public async Task Markup_in_a_message_shows_as_text_runs_nothing_and_only_web_addresses_become_links()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/markup.html", browser.WidgetScript(workspace));
        var dialogs = 0;
        widget.Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await widget.OpenPanelAsync();
        const string hostile = "<img src=x onerror=alert(1)> see https://example.com/a?b=1 or javascript:alert(2)";

        await widget.SendAsync(hostile);
        var conversationId = await agent.NextConversationAsync();
        await agent.ReplyAsync(conversationId, "<script>alert(3)</script><b>bold?</b>");

        await Expect(widget.OwnMessages.Last.Locator(".bubble")).ToHaveTextAsync(hostile);
        await Expect(widget.AgentMessages.Last).ToHaveTextAsync("<script>alert(3)</script><b>bold?</b>");
        (await widget.Transcript.Locator("img, script, b").CountAsync()).ShouldBe(0);
        var link = widget.Transcript.Locator("a");
        await Expect(link).ToHaveCountAsync(1);
        await Expect(link).ToHaveAttributeAsync("href", "https://example.com/a?b=1");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await widget.Page.WaitForTimeoutAsync(500);
        dialogs.ShouldBe(0);
        (await widget.Page.EvaluateAsync<bool>("() => typeof window.alertCalled === 'undefined'")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_reload_shows_the_same_conversation_with_its_history()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/reload.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("My bell is broken");
        var conversationId = await agent.NextConversationAsync();
        await agent.ReplyAsync(conversationId, "Bring it by, we will fix it.");
        await Expect(widget.AgentMessages).ToHaveCountAsync(1);
        var token = await widget.StoredTokenAsync();

        await widget.Page.ReloadAsync();
        await widget.OpenPanelAsync();

        await Expect(widget.Widget.Locator(".msg .bubble")).ToHaveTextAsync(["My bell is broken", "Bring it by, we will fix it."]);
        await Expect(widget.Notices).ToHaveTextAsync([$"{workspace.Agent.Account.DisplayName} joined the chat."]);
        (await widget.StoredTokenAsync()).ShouldBe(token);
    }

    [Fact]
    public async Task After_the_agent_closes_the_chat_the_visitor_rates_it_and_can_start_a_new_one()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/rating.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("Thanks for the help");
        var conversationId = await agent.NextConversationAsync();
        await agent.ReplyAsync(conversationId, "You are welcome!");
        await Expect(widget.AgentMessages).ToHaveCountAsync(1);

        await agent.CloseAsync(conversationId);
        await Expect(widget.Notices.Last).ToHaveTextAsync("The chat was closed.");
        await widget.Widget.GetByRole(AriaRole.Radio, new() { Name = "4 stars" }).ClickAsync();
        await widget.Widget.GetByLabel("Comment (optional)").FillAsync("Quick and kind");
        await Screenshots.SaveAsync(widget.Page, "widget-rating");
        await widget.Widget.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();

        await Expect(widget.Notices.Last).ToHaveTextAsync("Thank you for your rating.");
        var rated = await browser.Chat.SendAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", workspace.Agent.Token);
        rated.GetProperty("conversation").GetProperty("threads")[0].GetProperty("rating").GetInt32().ShouldBe(4);

        await widget.SendAsync("One more question");
        await Expect(widget.Notices.Filter(new() { HasText = "New conversation" })).ToHaveCountAsync(1);
        await Expect(widget.OwnMessages.Last.Locator(".delivery")).ToHaveTextAsync("Sent");
    }
}
