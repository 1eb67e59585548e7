using Chat.Tests.RealTime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>While no agent can answer: the visitor's place in the queue, live; and when nobody is there, a message left with an email.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetQueueTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_queued_visitor_sees_their_place_and_it_moves_up_as_the_queue_moves()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await browser.Chat.SendAsync(HttpMethod.Patch, $"/api/agents/{workspace.Agent.Id}", workspace.Admin.Token, new { maxConcurrentChats = 1 });
        // The agent's one seat is taken, and another visitor waits first.
        var busy = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", busy.VisitorToken, new { text = "first", clientMessageId = "b1" });
        var busyConversation = await agent.NextConversationAsync();
        var waiting = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", waiting.VisitorToken, new { text = "second", clientMessageId = "w1" });

        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/queue.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("Anyone there?");

        await Expect(widget.Banner).ToContainTextAsync("You are number 2 in the queue");
        await Screenshots.SaveAsync(widget.Page, "widget-queue");
        await agent.CloseAsync(busyConversation);

        await Expect(widget.Banner).ToContainTextAsync("You are number 1 in the queue");
    }

    [Fact]
    public async Task With_no_agent_online_the_visitor_leaves_a_message_and_an_email_that_agents_find_in_their_inbox()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/away.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();

        await Expect(widget.Widget.GetByRole(AriaRole.Heading, new() { Name = "We are away right now" })).ToBeVisibleAsync();
        await Expect(widget.Composer).ToBeHiddenAsync();
        await widget.Widget.GetByLabel("Email", new() { Exact = true }).FillAsync("not an email");
        await widget.Widget.GetByLabel("Message", new() { Exact = true }).FillAsync("Please call me back about a repair.");
        await widget.Widget.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(widget.Widget.GetByRole(AriaRole.Alert).First).ToHaveTextAsync("Please enter a valid email address.");
        await widget.Widget.GetByLabel("Email", new() { Exact = true }).FillAsync("sam@example.com");
        await widget.Widget.GetByLabel("Name", new() { Exact = true }).FillAsync("Sam");
        await Screenshots.SaveAsync(widget.Page, "widget-leave-a-message");
        await widget.Widget.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

        await Expect(widget.Widget.Locator(".cards")).ToHaveTextAsync("We will answer at sam@example.com.");
        await Expect(widget.OwnMessages.Locator(".bubble")).ToHaveTextAsync(["Please call me back about a repair."]);
        var inbox = await browser.Chat.SendAsync(HttpMethod.Get, "/api/inbox?view=all", workspace.Admin.Token);
        var row = inbox.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("visitorEmail").GetString().ShouldBe("sam@example.com");
        row.GetProperty("visitorName").GetString().ShouldBe("Sam");
        row.GetProperty("lastMessagePreview").GetString().ShouldBe("Please call me back about a repair.");
    }

    [Fact]
    public async Task The_pre_chat_form_asks_for_name_and_email_first_and_agents_see_them()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync();
        var tag = $"""<script src="{browser.ChatUrl}/widget.js" data-widget-key="{workspace.WidgetKey}" data-prechat="true" async></script>""";
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/prechat.html", tag);
        await widget.OpenPanelAsync();

        await Expect(widget.Composer).ToBeHiddenAsync();
        await widget.Widget.GetByLabel("Name", new() { Exact = true }).FillAsync("Robin");
        await widget.Widget.GetByLabel("Email", new() { Exact = true }).FillAsync("robin@example.com");
        await Screenshots.SaveAsync(widget.Page, "widget-pre-chat-form");
        await widget.Widget.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Expect(widget.Composer).ToBeFocusedAsync();
        await widget.SendAsync("Hi, Robin here");

        var conversationId = await agent.NextConversationAsync();
        var conversation = await browser.Chat.SendAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", workspace.Agent.Token);
        conversation.GetProperty("conversation").GetProperty("visitorName").GetString().ShouldBe("Robin");
        conversation.GetProperty("conversation").GetProperty("visitorEmail").GetString().ShouldBe("robin@example.com");
    }
}
