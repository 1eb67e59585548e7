using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>One script tag on a business's page: the widget stands apart from the page, speaks up when it cannot work, and fits a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetEmbedTests(BrowserFixture browser)
{
    // What a careless or hostile site's style sheet does to everything it can reach.
    private const string HostileCss = """
        <style>
          * { font-family: "Comic Sans MS", cursive !important; color: red !important; letter-spacing: 6px !important; }
          div, button, textarea { display: none !important; background: lime !important; border: 9px solid red !important; }
          chat-widget { display: none !important; opacity: 0 !important; transform: scale(0.2) !important; }
          body { font-size: 40px; line-height: 5; text-transform: uppercase; }
        </style>
        """;

    [Fact]
    public async Task The_host_pages_css_cannot_hide_or_restyle_the_launcher_or_the_panel()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/hostile.html", browser.WidgetScript(workspace),
            head: HostileCss);

        await Expect(widget.Launcher).ToBeVisibleAsync();
        var launcher = (await widget.Launcher.BoundingBoxAsync())!;
        launcher.Width.ShouldBe(60, 1);
        launcher.Height.ShouldBe(60, 1);
        (launcher.X + launcher.Width).ShouldBe(1280 - 20, 1);
        await Expect(widget.Launcher).ToHaveCSSAsync("background-color", "rgb(31, 94, 255)");
        await Screenshots.SaveAsync(widget.Page, "widget-launcher-on-hostile-page");

        await widget.OpenPanelAsync();
        var panel = (await widget.Panel.BoundingBoxAsync())!;
        panel.Width.ShouldBe(370, 1);
        await Expect(widget.Composer).ToBeVisibleAsync();
        await Expect(widget.Composer).ToHaveCSSAsync("letter-spacing", "normal");
        await Expect(widget.Widget.Locator(".header h2")).ToHaveCSSAsync("color", "rgb(255, 255, 255)");
        await Expect(widget.Widget.Locator(".header h2")).ToHaveCSSAsync("text-transform", "none");
        (await widget.Widget.Locator(".header h2").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily")).ShouldNotContain("Comic");
        await Screenshots.SaveAsync(widget.Page, "widget-panel-on-hostile-page");

        // And the widget's own style sheet stays inside it: the page's buttons keep the page's look.
        (await widget.Page.EvaluateAsync<int>("() => document.querySelectorAll('style').length")).ShouldBe(1);
    }

    [Fact]
    public async Task The_tags_attributes_set_the_colour_the_side_and_the_language()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();
        var tag = $"""<script src="{browser.ChatUrl}/widget.js" data-widget-key="{workspace.WidgetKey}" data-colour="#0a7d32" data-position="left" data-language="fr" async></script>""";
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/attributes.html", tag);

        await Expect(widget.Launcher).ToHaveAccessibleNameAsync("Ouvrir le chat");
        await Expect(widget.Launcher).ToHaveCSSAsync("background-color", "rgb(10, 125, 50)");
        (await widget.Launcher.BoundingBoxAsync())!.X.ShouldBe(20, 1);
    }

    [Fact]
    public async Task A_wrong_widget_key_shows_a_discreet_error_in_the_launchers_place_and_says_why_in_the_console()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (console) console.Add(message.Text); };
        var url = browser.Site.AddPage("/wrong-key.html",
            $"""<!doctype html><html lang="en"><body><h1>Shop</h1><script src="{browser.ChatUrl}/widget.js" data-widget-key="wk_not_a_real_key" async></script></body></html>""");

        await page.GotoAsync(url);
        var widget = new WidgetPage(page);

        await Expect(widget.Broken).ToHaveTextAsync("⚠ Chat unavailable");
        await Expect(widget.Launcher).ToHaveCountAsync(0);
        await Eventually.Async(() => Task.FromResult(console.Any(line => line.StartsWith("[chat] The chat widget cannot start"))),
            "the reason in the console");
    }

    [Fact]
    public async Task On_a_site_the_workspace_does_not_allow_the_widget_is_refused_and_says_so()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();

        var widget = await WidgetPage.OpenAsync(browser, context, browser.StrangerSite, "/copied.html", browser.WidgetScript(workspace));

        await Expect(widget.Broken).ToBeVisibleAsync();
        await Expect(widget.Launcher).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_open_panel_keeps_the_keyboard_inside_and_escape_closes_it()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/keyboard.html", browser.WidgetScript(workspace),
            body: """<a href="#one">one</a> <a href="#two">two</a>""");

        await widget.Launcher.FocusAsync();
        await widget.Page.Keyboard.PressAsync("Enter");
        await Expect(widget.Composer).ToBeFocusedAsync();
        for (var i = 0; i < 6; i++)
        {
            await widget.Page.Keyboard.PressAsync("Tab");
            (await widget.Page.EvaluateAsync<string>("() => document.activeElement.tagName")).ShouldBe("CHAT-WIDGET");
        }
        await Expect(widget.Panel).ToHaveAttributeAsync("aria-modal", "true");
        await Expect(widget.Transcript).ToHaveAttributeAsync("aria-live", "polite");

        await widget.Page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Launcher).ToBeFocusedAsync();
    }

    [Fact]
    public async Task On_a_phone_the_open_panel_fills_the_screen()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var agent = new AgentDesk(browser, workspace);
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "en-US",
        });
        var widget = await WidgetPage.OpenAsync(browser, context, browser.Site, "/phone.html", browser.WidgetScript(workspace));

        await widget.Launcher.TapAsync();
        await widget.SendAsync("Hello from my phone");
        var conversationId = await agent.NextConversationAsync();
        await agent.ReplyAsync(conversationId, "Hello! What can we do for you?");
        await Expect(widget.AgentMessages).ToHaveCountAsync(1);

        var panel = (await widget.Panel.BoundingBoxAsync())!;
        panel.X.ShouldBe(0, 1);
        panel.Y.ShouldBe(0, 1);
        panel.Width.ShouldBe(390, 1);
        panel.Height.ShouldBe(844, 1);
        await Screenshots.SaveAsync(widget.Page, "widget-phone");
    }
}
