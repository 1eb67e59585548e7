using System.Text.Json;
using Chat.Tests.RealTime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Chat.Tests.Browser.Widget;

/// <summary>
/// A page of a business's website with the widget on it, as a visitor sees and uses it. Locators reach into the widget's
/// open shadow root, by role and label where the widget offers them, as a screen reader would.
/// </summary>
public sealed class WidgetPage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Widget => Page.Locator("chat-widget");
    public ILocator Launcher => Widget.Locator("button.launcher");
    public ILocator Badge => Widget.Locator(".badge");
    public ILocator Panel => Widget.GetByRole(AriaRole.Dialog);
    public ILocator Composer => Widget.GetByRole(AriaRole.Textbox, new() { Name = "Your message" });
    public ILocator Transcript => Widget.GetByRole(AriaRole.Log);
    public ILocator Messages => Widget.Locator(".msg");
    public ILocator AgentMessages => Widget.Locator(".msg.theirs .bubble");
    public ILocator OwnMessages => Widget.Locator(".msg.mine");
    public ILocator Notices => Widget.Locator(".notice");
    public ILocator Typing => Widget.Locator(".typing");
    public ILocator Banner => Widget.Locator(".banner");
    public ILocator Broken => Widget.Locator(".broken");
    public ILocator ComposerError => Widget.Locator(".composer-error");

    /// <summary>A page of <paramref name="site"/> with the workspace's widget tag on it (and whatever else the page holds).</summary>
    public static async Task<WidgetPage> OpenAsync(BrowserFixture browser, IBrowserContext context, HostSite site, string path,
        string widgetTag, string body = "", string head = "")
    {
        var page = await context.NewPageAsync();
        var url = site.AddPage(path, $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>A shop</title>{head}</head>
            <body><h1>A shop that embeds Chat</h1><p>Bikes, repairs and advice.</p>{body}
            {widgetTag}
            </body>
            </html>
            """);
        await page.GotoAsync(url);
        return new WidgetPage(page);
    }

    public async Task OpenPanelAsync()
    {
        await Launcher.ClickAsync();
        await Assertions.Expect(Panel).ToBeVisibleAsync();
    }

    /// <summary>Types like a visitor and sends with Enter.</summary>
    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
    }

    /// <summary>What the widget keeps in the page's storage under its own keys (the visitor token among them).</summary>
    public async Task<string> StoredTokenAsync() =>
        await Page.EvaluateAsync<string>("""
            () => { for (const key of Object.keys(localStorage)) if (key.endsWith(':token')) return JSON.parse(localStorage[key]).token; return ''; }
            """);
}

/// <summary>The agent's side of a browser test: their live hub connection and their API calls, as the dashboard makes them.</summary>
public sealed class AgentDesk(BrowserFixture browser, BrowserWorkspace workspace)
{
    private LiveClient Hub => workspace.AgentHub ?? throw new InvalidOperationException("The workspace's agent is not online.");

    /// <summary>The conversation a visitor started, from the inbox push the agent gets; the agent then watches it.</summary>
    public async Task<Guid> NextConversationAsync(Func<JsonElement, bool>? match = null)
    {
        var inbox = await Hub.WaitForAsync(r => r.Method == "inbox" && (match?.Invoke(r.Payload) ?? true), "an inbox row");
        var id = inbox.Payload.GetProperty("id").GetGuid();
        await Hub.Connection.InvokeAsync("Watch", id);
        return id;
    }

    /// <summary>The visitor's message as it reaches the agent: the inbox row pushed to the agent's dashboard.</summary>
    public Task<Received> VisitorMessageAsync(string text) =>
        Hub.WaitForAsync(r => r.Method == "inbox" && r.Payload.TryGetProperty("lastMessagePreview", out var preview)
                              && preview.GetString() == text, $"the visitor's message '{text}' in the agent's inbox");

    public Task<JsonElement> ReplyAsync(Guid conversationId, string text) =>
        Hub.Connection.InvokeAsync<JsonElement>("Reply", conversationId, text, Guid.NewGuid().ToString());

    public Task TypingAsync(Guid conversationId) => Hub.Connection.InvokeAsync("Typing", conversationId);

    public Task<Received> VisitorTypingAsync() => Hub.WaitForAsync(r => r.Method == "typing" && r.Payload.GetProperty("side").GetString() == "Visitor", "the visitor's typing signal");

    public Task<JsonElement> MarkReadAsync(Guid conversationId, long upToVersion) =>
        browser.Chat.PostAsync($"/api/conversations/{conversationId}/read", workspace.Agent.Token, new { upToVersion });

    public Task<JsonElement> CloseAsync(Guid conversationId) =>
        browser.Chat.PostAsync($"/api/conversations/{conversationId}/close", workspace.Agent.Token, new { reason = "solved" });

    public Task<Received> VisitorReadAsync() =>
        Hub.WaitForEventAsync("messages_read", r => r.Data.GetProperty("side").GetString() == "Visitor");
}
