using Chat.Api.Catalog;
using Chat.Api.Widget;
using Chat.Tests.Support;

namespace Chat.Tests.Widget;

/// <summary>The widget's public settings: read with the widget key alone, before any session.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class WidgetSettingsTests(ChatApp app)
{
    [Fact]
    public async Task The_settings_name_the_workspace_and_say_whether_an_agent_is_there()
    {
        var workspace = await app.NewWorkspaceAsync();

        var nobody = await SettingsAsync(workspace);
        await app.ConnectAgentAsync(workspace.Agent);
        var connected = await Eventually.Async(() => SettingsAsync(workspace), s => s.AgentsOnline, TimeSpan.FromSeconds(20));

        nobody.ShouldBe(new WidgetSettings(workspace.Workspace.Name, "default", false, false, ChatApp.MaxMessageLength));
        connected.ShouldBe(nobody with { AgentsOnline = true, AgentAvailable = true });
        (await SettingsAsync(workspace, "no-such-group")).ShouldBe(connected, "an unknown group routes through the default group");
        await app.Api().PostAsync<RoutingGroup>("/api/groups", new { id = "sales", name = "Sales" }, workspace.Admin.Token, 201);
        (await SettingsAsync(workspace, "sales")).ShouldBe(nobody with { Group = "sales" }, "nobody is in the sales group");
    }

    [Fact]
    public async Task An_agent_at_their_limit_is_online_but_not_available()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.ConnectAgentAsync(workspace.Agent);
        for (var i = 0; i < 3; i++) await (await workspace.NewVisitorAsync()).SendAsync($"chat {i}");

        var full = await Eventually.Async(() => SettingsAsync(workspace), s => s.AgentsOnline && !s.AgentAvailable, TimeSpan.FromSeconds(20));

        (full.AgentsOnline, full.AgentAvailable).ShouldBe((true, false), "three chats fill the agent's three seats");
    }

    [Fact]
    public async Task An_unknown_or_missing_widget_key_is_refused_with_a_problem()
    {
        var api = app.Api();

        (await api.RefusedAsync(HttpMethod.Get, "/api/widget/settings?widgetKey=wk_unknown", null, null, 404)).Detail
            .ShouldBe("No workspace has this widget key.");
        await api.RefusedAsync(HttpMethod.Get, "/api/widget/settings", null, null, 400);
        var workspace = await app.NewWorkspaceAsync();
        await api.RefusedAsync(HttpMethod.Get, $"/api/widget/settings?widgetKey={workspace.Workspace.WidgetKey}&group=%20", null, null, 400);
    }

    private Task<WidgetSettings> SettingsAsync(TestWorkspace workspace, string? group = null) =>
        app.Api().GetAsync<WidgetSettings>(
            $"/api/widget/settings?widgetKey={Uri.EscapeDataString(workspace.Workspace.WidgetKey)}{(group is null ? "" : $"&group={group}")}", null);
}
