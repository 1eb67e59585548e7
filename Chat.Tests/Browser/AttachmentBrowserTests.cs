using Chat.Tests.Attachments;
using Chat.Tests.Browser.Dashboard;
using Chat.Tests.Browser.Widget;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>Files from both sides: the visitor attaches in the widget, the agent in the dashboard, and each sees the other's.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentBrowserTests(BrowserFixture browser)
{
    private static readonly byte[] Picture = TinyPng.Stripes(180, 120);

    [Fact]
    public async Task A_visitors_image_from_the_widget_shows_inline_in_the_agents_dashboard()
    {
        // The agent is online: the chat is routed to them and waits in their own inbox.
        var workspace = await browser.NewWorkspaceAsync();
        await using var staffContext = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, staffContext, workspace.Agent, "/app/inbox/mine");
        await using var visitorContext = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, visitorContext, browser.Site, "/attach.html", browser.WidgetScript(workspace));

        await widget.OpenPanelAsync();
        await widget.Composer.FillAsync("My bike's broken spoke:");
        await widget.Widget.Locator("input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "spoke.png", MimeType = "image/png", Buffer = Picture });

        var own = widget.Widget.Locator(".msg.mine").Last;
        await Expect(own.Locator(".delivery")).ToHaveTextAsync("Sent");
        await Expect(own.Locator(".bubble")).ToHaveTextAsync("My bike's broken spoke:");
        await Expect(own.Locator("img.file-image")).ToHaveJSPropertyAsync("naturalWidth", 180);
        await Screenshots.SaveAsync(widget.Page, "widget-attachment-sent");

        await dashboard.Rows.First.ClickAsync();
        var image = dashboard.Transcript.Locator(".line.visitor img.file-image");
        await Expect(image).ToHaveAttributeAsync("alt", "spoke.png");
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 180);
        await Expect(dashboard.Transcript.Locator(".line.visitor .line-text")).ToHaveTextAsync("My bike's broken spoke:");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-attachment-inline");
    }

    [Fact]
    public async Task An_agents_image_and_file_from_the_dashboard_reach_the_visitor_image_inline_file_as_a_link_named_as_text()
    {
        // The agent is online: the chat is routed to them and waits in their own inbox.
        var workspace = await browser.NewWorkspaceAsync();
        await using var staffContext = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, staffContext, workspace.Agent, "/app/inbox/mine");
        await using var visitorContext = await browser.NewContextAsync();
        var widget = await WidgetPage.OpenAsync(browser, visitorContext, browser.Site, "/receive.html", browser.WidgetScript(workspace));
        await widget.OpenPanelAsync();
        await widget.SendAsync("Which wheel do I need?");
        await dashboard.Rows.First.ClickAsync();
        await Expect(dashboard.Transcript.Locator(".line.visitor .line-text")).ToHaveTextAsync("Which wheel do I need?");
        const string fileName = "<img src=x onerror=alert(1)> sizes.pdf";

        await dashboard.Reply.FillAsync("This one:");
        await dashboard.Page.Locator(".reply input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "wheel.png", MimeType = "image/png", Buffer = Picture });
        await Expect(dashboard.Transcript.Locator(".line.agent img.file-image")).ToHaveJSPropertyAsync("naturalWidth", 180);
        await dashboard.Page.Locator(".reply input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = Files.Pdf("sizes") });
        await Expect(dashboard.Transcript.Locator(".line.agent a.file")).ToHaveTextAsync($"{fileName} (14 B)");

        var theirs = widget.Widget.Locator(".msg.theirs");
        await Expect(theirs.Locator(".bubble")).ToHaveTextAsync(["This one:"]);
        await Expect(theirs.Locator("img.file-image")).ToHaveJSPropertyAsync("naturalWidth", 180);
        await Expect(theirs.Locator("a.file")).ToHaveTextAsync($"{fileName} (14 B)");
        await Expect(theirs.Locator("a.file img")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(widget.Page, "widget-attachment-received");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard-attachment-sent");

        var download = await widget.Page.RunAndWaitForDownloadAsync(() => theirs.Locator("a.file").ClickAsync());
        // The browser replaces the characters a file system may not take; the rest of the name, and every byte, arrive.
        download.SuggestedFilename.ShouldBe("_img src=x onerror=alert(1)_ sizes.pdf");
        (await File.ReadAllBytesAsync(await download.PathAsync())).ShouldBe(Files.Pdf("sizes"));
    }
}
