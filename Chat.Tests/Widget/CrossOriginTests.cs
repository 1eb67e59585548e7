using System.Net;
using System.Text.Json;
using Chat.Api.Identity;
using Chat.Api.Workspaces;
using Chat.Tests.Support;

namespace Chat.Tests.Widget;

/// <summary>
/// The widget on a business's own site: the visitor surface answers cross-origin only to the origins the visitor's
/// workspace allows and refuses every other with 403, changing nothing; staff endpoints never answer cross-origin.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class CrossOriginTests(ChatApp app)
{
    private readonly CrossOriginClient browser = new(app);

    private static string NewOrigin(string name) => $"https://{name}-{Guid.NewGuid():N}.example";

    private async Task<(TestWorkspace Workspace, string Origin)> WorkspaceAllowingAsync()
    {
        var workspace = await app.NewWorkspaceAsync();
        var origin = NewOrigin("shop");
        await app.Api().PutAsync<OriginsAnswer>("/api/workspace/origins", new { origins = new[] { origin } }, workspace.Admin.Token);
        return (workspace, origin);
    }

    private async Task<WidgetSession> StartSessionAsync(TestWorkspace workspace, string origin)
    {
        using var started = await browser.SendAsync(HttpMethod.Post, "/api/widget/sessions", new { widgetKey = workspace.Workspace.WidgetKey },
            null, origin);
        started.StatusCode.ShouldBe(HttpStatusCode.OK);
        CrossOriginClient.AllowedOrigin(started).ShouldBe(origin);
        return JsonSerializer.Deserialize<WidgetSession>(await started.Content.ReadAsStringAsync(), Support.Api.Json)!;
    }

    [Fact]
    public async Task The_widget_settings_answer_an_allowed_origin_and_refuse_another_with_a_reason_its_page_can_read()
    {
        var (workspace, origin) = await WorkspaceAllowingAsync();
        var url = $"/api/widget/settings?widgetKey={workspace.Workspace.WidgetKey}";

        using var allowed = await browser.SendAsync(HttpMethod.Get, url, null, null, origin);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        CrossOriginClient.AllowedOrigin(allowed).ShouldBe(origin);

        // The refusal alone is readable (so the widget can say why it cannot work there); it names nothing of the workspace.
        var stranger = NewOrigin("stranger");
        using var refused = await browser.SendAsync(HttpMethod.Get, url, null, null, stranger);
        await CrossOriginClient.ShouldBeProblemAsync(refused, 403);
        CrossOriginClient.AllowedOrigin(refused).ShouldBe(stranger);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain(workspace.Workspace.Name);
    }

    [Theory]
    [InlineData("/api/widget/sessions")]
    [InlineData("/api/visitor/messages")]
    [InlineData("/hubs/visitor/negotiate?negotiateVersion=1")]
    public async Task An_allowed_origin_gets_its_preflight_answered(string url)
    {
        var (_, origin) = await WorkspaceAllowingAsync();

        using var preflight = await browser.PreflightAsync(url, origin);

        preflight.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        CrossOriginClient.AllowedOrigin(preflight).ShouldBe(origin);
        preflight.Headers.GetValues("Access-Control-Allow-Methods").ShouldContain(m => m.Contains("POST"));
        preflight.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();
    }

    [Fact]
    public async Task An_origin_no_workspace_allows_gets_a_preflight_without_cors_headers()
    {
        await WorkspaceAllowingAsync();

        using var preflight = await browser.PreflightAsync("/api/widget/sessions", NewOrigin("stranger"));

        CrossOriginClient.HasCorsHeaders(preflight).ShouldBeFalse();
    }

    [Fact]
    public async Task An_allowed_origin_starts_a_session_and_chats_with_cors_headers_on_each_answer()
    {
        var (workspace, origin) = await WorkspaceAllowingAsync();
        var session = await StartSessionAsync(workspace, origin);

        using var sent = await browser.SendAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = "Hello from the shop", clientMessageId = Guid.NewGuid().ToString() }, session.VisitorToken, origin);

        sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        CrossOriginClient.AllowedOrigin(sent).ShouldBe(origin);
        sent.Headers.GetValues("Access-Control-Expose-Headers").ShouldContain(h => h.Contains("Retry-After"));
        using var read = await browser.SendAsync(HttpMethod.Get, "/api/visitor/conversation", null, session.VisitorToken, origin);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        CrossOriginClient.AllowedOrigin(read).ShouldBe(origin);
        (await read.Content.ReadAsStringAsync()).ShouldContain("Hello from the shop");
    }

    [Fact]
    public async Task An_origin_allowed_only_by_another_workspace_is_refused_a_session()
    {
        var (_, othersOrigin) = await WorkspaceAllowingAsync();
        var (workspace, _) = await WorkspaceAllowingAsync();

        using var refused = await browser.SendAsync(HttpMethod.Post, "/api/widget/sessions", new { widgetKey = workspace.Workspace.WidgetKey },
            null, othersOrigin);

        await CrossOriginClient.ShouldBeProblemAsync(refused, 403);
        // The page may read why, and nothing else: no token.
        CrossOriginClient.AllowedOrigin(refused).ShouldBe(othersOrigin);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain("visitorToken");
    }

    [Fact]
    public async Task A_visitor_request_from_a_disallowed_origin_is_refused_and_stores_nothing()
    {
        var (workspace, origin) = await WorkspaceAllowingAsync();
        var session = await StartSessionAsync(workspace, origin);

        using var refused = await browser.SendAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = "From a foreign page", clientMessageId = Guid.NewGuid().ToString() }, session.VisitorToken, NewOrigin("evil"));

        await CrossOriginClient.ShouldBeProblemAsync(refused, 403);
        CrossOriginClient.HasCorsHeaders(refused).ShouldBeFalse();
        await using var store = app.Store.QuerySession(workspace.Id);
        (await store.Events.FetchStreamStateAsync(session.ConversationId)).ShouldBeNull();
    }

    [Fact]
    public async Task The_visitor_hub_refuses_a_disallowed_origin_before_connecting_and_answers_an_allowed_one()
    {
        var (workspace, origin) = await WorkspaceAllowingAsync();
        var session = await StartSessionAsync(workspace, origin);
        const string negotiate = "/hubs/visitor/negotiate?negotiateVersion=1";

        using var refused = await browser.SendAsync(HttpMethod.Post, negotiate, null, session.VisitorToken, NewOrigin("evil"));
        await CrossOriginClient.ShouldBeProblemAsync(refused, 403);

        using var admitted = await browser.SendAsync(HttpMethod.Post, negotiate, null, session.VisitorToken, origin);
        admitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        CrossOriginClient.AllowedOrigin(admitted).ShouldBe(origin);
        (await admitted.Content.ReadAsStringAsync()).ShouldContain("connectionToken");
    }

    [Fact]
    public async Task Requests_without_an_origin_or_from_the_service_itself_work_as_before_without_cors_headers()
    {
        var workspace = await app.NewWorkspaceAsync();

        foreach (var origin in new[] { null, "http://localhost" })
        {
            using var started = await browser.SendAsync(HttpMethod.Post, "/api/widget/sessions", new { widgetKey = workspace.Workspace.WidgetKey },
                null, origin);
            started.StatusCode.ShouldBe(HttpStatusCode.OK);
            CrossOriginClient.HasCorsHeaders(started).ShouldBeFalse();
            var session = JsonSerializer.Deserialize<WidgetSession>(await started.Content.ReadAsStringAsync(), Support.Api.Json)!;

            using var sent = await browser.SendAsync(HttpMethod.Post, "/api/visitor/messages",
                new { text = "Hello", clientMessageId = Guid.NewGuid().ToString() }, session.VisitorToken, origin);
            sent.StatusCode.ShouldBe(HttpStatusCode.Created);
            CrossOriginClient.HasCorsHeaders(sent).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Staff_endpoints_never_answer_cross_origin_and_refuse_foreign_changes()
    {
        var (workspace, origin) = await WorkspaceAllowingAsync();

        using var preflight = await browser.PreflightAsync("/api/workspace/origins", origin, "PUT");
        CrossOriginClient.HasCorsHeaders(preflight).ShouldBeFalse();

        using var read = await browser.SendAsync(HttpMethod.Get, "/api/workspace", null, workspace.Admin.Token, origin);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        CrossOriginClient.HasCorsHeaders(read).ShouldBeFalse();

        using var change = await browser.SendAsync(HttpMethod.Put, "/api/workspace/origins", new { origins = Array.Empty<string>() },
            workspace.Admin.Token, origin);
        await CrossOriginClient.ShouldBeProblemAsync(change, 403);
        CrossOriginClient.HasCorsHeaders(change).ShouldBeFalse();
        (await app.Api().GetAsync<OriginsAnswer>("/api/workspace/origins", workspace.Admin.Token)).Origins.ShouldBe([origin]);

        using var hub = await browser.SendAsync(HttpMethod.Post, "/hubs/agent/negotiate?negotiateVersion=1", null, workspace.Agent.Token, origin);
        await CrossOriginClient.ShouldBeProblemAsync(hub, 403);
    }
}
