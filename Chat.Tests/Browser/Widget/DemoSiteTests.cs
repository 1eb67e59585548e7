using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.RealTime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Widget;

/// <summary>What a newcomer meets at the service's address: a sample site with the demo workspace's widget, served as built.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoSiteTests(BrowserFixture browser)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task The_address_of_the_service_shows_a_sample_site_where_a_newcomer_chats_with_the_demo_admin()
    {
        await using var admin = await DemoAdminOnlineAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.ChatUrl + "/");
        var widget = new WidgetPage(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Agent dashboard: sign in" })).ToHaveAttributeAsync("href", "/app/");
        await Screenshots.SaveAsync(page, "demo-site");
        await widget.OpenPanelAsync();
        await widget.SendAsync("Hello from the demo page");

        var inbox = await admin.WaitForAsync(r => r.Method == "inbox" && r.Payload.GetProperty("lastMessagePreview").GetString() == "Hello from the demo page",
            "the demo admin's inbox row");
        var conversationId = inbox.Payload.GetProperty("id").GetGuid();
        await admin.Connection.InvokeAsync<JsonElement>("Reply", conversationId, "Welcome to the demo!", Guid.NewGuid().ToString());
        await Expect(widget.AgentMessages).ToHaveTextAsync(["Welcome to the demo!"]);
        await Screenshots.SaveAsync(page, "demo-site-chat");
    }

    [Fact]
    public async Task The_widget_keeps_its_name_and_a_short_lifetime_while_hashed_files_are_kept_for_a_year()
    {
        using var widget = await Http.GetAsync($"{browser.ChatUrl}/widget.js");
        widget.StatusCode.ShouldBe(HttpStatusCode.OK);
        widget.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        widget.Headers.CacheControl!.ToString().ShouldBe("public, max-age=300");
        widget.Headers.ETag.ShouldNotBeNull();

        var page = await Http.GetStringAsync($"{browser.ChatUrl}/");
        var stylesheet = System.Text.RegularExpressions.Regex.Match(page, "/demo/site-[0-9a-f]{10}\\.css").Value;
        stylesheet.ShouldNotBeEmpty();
        using var css = await Http.GetAsync(browser.ChatUrl + stylesheet);
        css.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        css.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");

        using var demo = await Http.GetAsync($"{browser.ChatUrl}/");
        demo.Headers.CacheControl!.NoStore.ShouldBeTrue();
        demo.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'self'");
        (await demo.Content.ReadAsStringAsync()).ShouldMatch("data-widget-key=\"wk_[0-9a-f]{32}\"");
    }

    [Fact]
    public async Task The_widget_fits_its_budget_of_50_KB_gzipped_including_the_signalr_client()
    {
        var info = await Http.GetFromJsonAsync<JsonElement>($"{browser.ChatUrl}/build-info.json");
        var bytes = await Http.GetByteArrayAsync($"{browser.ChatUrl}/widget.js");

        info.GetProperty("widgetBytes").GetInt32().ShouldBe(bytes.Length);
        using var gzipped = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(gzipped, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            await gzip.WriteAsync(bytes);
        gzipped.Length.ShouldBeLessThan(50 * 1024);
        System.Text.Encoding.UTF8.GetString(bytes).ShouldContain("hubs/visitor");
    }

    /// <summary>The demo admin signs in and opens the dashboard: their agent-hub connection, online.</summary>
    private async Task<LiveClient> DemoAdminOnlineAsync()
    {
        using var login = await Http.PostAsJsonAsync($"{browser.ChatUrl}/api/auth/login",
            new { email = "admin@demo.local", password = BrowserFixture.DemoAdminPassword, workspaceId = "demo" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var hub = await LiveClient.ConnectAsync(browser.ChatUrl, "agent", token);
        await hub.Connection.InvokeAsync("SetStatus", "Online");
        return hub;
    }
}
