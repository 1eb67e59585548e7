using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Chat.Api.Identity;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The admin's workspace settings: its name, the widget key and its tag, the allowed origins, signed identities.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsPageTests(BrowserFixture browser)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task An_admin_renames_the_workspace_rotates_the_widget_key_saves_origins_and_sees_a_new_identity_secret_once()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 1200 },
            Locale = "en-US",
        });
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Admin);
        var page = dashboard.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await dashboard.OpenViewAsync("Settings");
        var newName = $"Renamed {workspace.Id}";

        var general = page.GetByRole(AriaRole.Region, new() { Name = "Workspace", Exact = true });
        await Expect(general.GetByLabel("Workspace name")).ToHaveValueAsync(workspace.Name);
        await general.GetByLabel("Workspace name").FillAsync("   ");
        await dashboard.ClickAsync("Rename");
        await Expect(general.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Enter a name for the workspace.");
        await general.GetByLabel("Workspace name").FillAsync(newName);
        await dashboard.ClickAsync("Rename");
        await Expect(general.GetByRole(AriaRole.Status)).ToContainTextAsync("Renamed.");
        (await WorkspaceAsync(workspace)).GetProperty("name").GetString().ShouldBe(newName);

        var widget = page.GetByRole(AriaRole.Region, new() { Name = "Widget" });
        await Expect(widget.Locator(".snippet")).ToHaveTextAsync(browser.WidgetScript(workspace));
        await dashboard.ClickAsync("Rotate key");
        var confirmation = widget.GetByRole(AriaRole.Group, new() { Name = "Rotate the widget key" });
        await Expect(confirmation).ToContainTextAsync("Pages with the old key stop working at once.");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Rotate now" }).ClickAsync();
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("New key made");
        var newKey = (await WorkspaceAsync(workspace)).GetProperty("widgetKey").GetString()!;
        newKey.ShouldNotBe(workspace.WidgetKey);
        await Expect(widget.Locator(".widget-key")).ToHaveTextAsync(newKey);
        await Expect(widget.Locator(".snippet")).ToContainTextAsync($"data-widget-key=\"{newKey}\"");
        (await StartWidgetSessionAsync(workspace.WidgetKey)).ShouldBe(HttpStatusCode.NotFound);
        (await StartWidgetSessionAsync(newKey)).ShouldBe(HttpStatusCode.OK);

        var origins = page.GetByRole(AriaRole.Region, new() { Name = "Allowed origins" });
        var list = origins.GetByLabel("Sites that may show the widget, one per line");
        await Expect(list).ToHaveValueAsync(browser.Site.Origin);
        await list.FillAsync("https://shop.example\nshop.example/checkout");
        await dashboard.ClickAsync("Save origins");
        await Expect(origins.GetByRole(AriaRole.Alert)).ToContainTextAsync("'shop.example/checkout' is not an http or https origin");
        (await OriginsAsync(workspace)).ShouldBe([browser.Site.Origin]);
        await list.FillAsync("https://Shop.Example\n\n  https://help.shop.example:8443  \n");
        await dashboard.ClickAsync("Save origins");
        await Expect(origins.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved: 2 sites may show the widget.");
        await Expect(list).ToHaveValueAsync("https://shop.example\nhttps://help.shop.example:8443");
        (await OriginsAsync(workspace)).ShouldBe(["https://shop.example", "https://help.shop.example:8443"]);

        var identities = page.GetByRole(AriaRole.Region, new() { Name = "Signed identities" });
        await Expect(identities.Locator(".identity-state")).ToContainTextAsync("Off");
        await identities.GetByRole(AriaRole.Button, new() { Name = "Make a new secret" }).ClickAsync();
        var secret = page.GetByRole(AriaRole.Status, new() { Name = "Identity secret" });
        await Expect(secret).ToContainTextAsync("it is shown once");
        IdentitySecret stored;
        await using (var session = browser.Store.QuerySession())
            stored = (await session.LoadAsync<IdentitySecret>(workspace.Id)).ShouldNotBeNull();
        await Expect(secret.Locator(".secret-value")).ToHaveTextAsync(stored.Secret);
        await Expect(secret.GetByRole(AriaRole.Button, new() { Name = "Copy secret" })).ToBeVisibleAsync();
        await Expect(identities.Locator(".identity-state")).ToContainTextAsync("On");
        await Screenshots.SaveAsync(page, "dashboard-settings");

        await page.ReloadAsync();
        await Expect(identities.Locator(".identity-state")).ToContainTextAsync("On");
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Identity secret" })).ToHaveCountAsync(0);
        await Expect(page.GetByText(stored.Secret)).ToHaveCountAsync(0);
        await Expect(general.GetByLabel("Workspace name")).ToHaveValueAsync(newName);

        await identities.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Expect(identities.Locator(".identity-state")).ToContainTextAsync("Off");
        (await browser.Chat.SendAsync(HttpMethod.Get, "/api/workspace/identity-secret", workspace.Admin.Token))
            .GetProperty("enabled").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_supervisor_is_offered_no_settings_page_and_is_sent_to_the_inbox()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var supervisor = await WorkspaceSeed.AddAgentAsync(browser.Store, LiveCluster.Tokens, workspace.Workspace, "sue", Roles.Supervisor);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, supervisor);

        await Expect(dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true })).ToHaveCountAsync(0);
        await dashboard.Page.GotoAsync(dashboard.Url("/app/settings"));

        await Expect(dashboard.Page).ToHaveURLAsync(new Regex("/app/inbox/mine$"));
        (await browser.Chat.RawGetAsync("/api/workspace", supervisor.Token)).ShouldBe(403);
    }

    private Task<System.Text.Json.JsonElement> WorkspaceAsync(BrowserWorkspace workspace) =>
        browser.Chat.SendAsync(HttpMethod.Get, "/api/workspace", workspace.Admin.Token);

    private async Task<string?[]> OriginsAsync(BrowserWorkspace workspace) =>
        (await browser.Chat.SendAsync(HttpMethod.Get, "/api/workspace/origins", workspace.Admin.Token))
        .GetProperty("origins").EnumerateArray().Select(o => o.GetString()).ToArray();

    /// <summary>What a page carrying this key gets when its widget starts a session (from the node's own address).</summary>
    private async Task<HttpStatusCode> StartWidgetSessionAsync(string widgetKey)
    {
        using var response = await Http.PostAsJsonAsync($"{browser.ChatUrl}/api/widget/sessions", new { widgetKey });
        return response.StatusCode;
    }
}
