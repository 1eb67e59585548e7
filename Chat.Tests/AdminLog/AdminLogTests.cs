using Chat.Api.AdminLog;
using Chat.Api.Identity;
using Chat.Api.Workspaces;
using Chat.Tests.Support;
using Marten;

namespace Chat.Tests.AdminLog;

/// <summary>Every administrative change is kept with who, when, from where and the values before and after; admins and auditors read it.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class AdminLogTests(ChatApp app)
{
    [Fact]
    public async Task Changes_to_the_workspace_are_logged_newest_first_with_actor_and_values_but_never_a_secret()
    {
        var workspace = await app.NewWorkspaceAsync();
        var admin = workspace.Admin.Token;
        await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { name = "Renamed" }, admin, 200);
        var rotated = await app.Api().PostAsync<Workspace>("/api/workspace/widget-key", null, admin);
        var secret = (await app.Api().PostAsync<NewIdentitySecret>("/api/workspace/identity-secret", null, admin)).Secret;
        const string webhookSecret = "a webhook secret of enough length";
        await app.Api().SendAsync(HttpMethod.Post, "/api/webhooks",
            new { url = $"http://{ChatApp.WebhookHost}:9/hook", eventTypes = new[] { "*" }, secret = webhookSecret }, admin, 201);
        await app.Api().SendAsync(HttpMethod.Post, "/api/groups", new { id = "sales", name = "Sales" }, workspace.Supervisor.Token, 201);

        var log = await app.Api().GetAsync<AdminLogPage>("/api/admin-log", admin);

        log.Entries.Select(e => e.Action).ShouldBe([AdminActions.GroupCreated, AdminActions.WebhookCreated, AdminActions.IdentitySecretMade,
            AdminActions.WidgetKeyRotated, AdminActions.WorkspaceRenamed]);
        log.Entries.Take(1).Single().ActorId.ShouldBe(workspace.Supervisor.Id);
        log.Entries.Skip(1).ShouldAllBe(e => e.ActorId == workspace.Admin.Id);
        var renamed = log.Entries[^1];
        (renamed.Before!.Value.GetProperty("name").GetString(), renamed.After!.Value.GetProperty("name").GetString())
            .ShouldBe((workspace.Workspace.Name, "Renamed"));
        log.Entries[3].After!.Value.GetProperty("widgetKey").GetString().ShouldBe(rotated.WidgetKey);
        var raw = await app.Api().SendAsync(HttpMethod.Get, "/api/admin-log", null, admin, 200);
        raw.ShouldNotContain(secret);
        raw.ShouldNotContain(webhookSecret);
    }

    [Fact]
    public async Task The_log_is_filtered_by_action_prefix_actor_target_and_time()
    {
        var workspace = await app.NewWorkspaceAsync();
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        await GivenEntriesAsync(workspace, [
            (start, "workspace.renamed", workspace.Admin.Id, workspace.Id),
            (start.AddHours(1), "group.created", workspace.Supervisor.Id, "sales"),
            (start.AddHours(2), "group.changed", workspace.Admin.Id, "sales"),
            (start.AddHours(3), "group.member_added", workspace.Supervisor.Id, "vip"),
        ]);

        async Task<string[]> Actions(string query) =>
            (await app.Api().GetAsync<AdminLogPage>($"/api/admin-log?{query}", workspace.Auditor.Token)).Entries.Select(e => e.Action).ToArray();

        (await Actions("action=group.")).ShouldBe(["group.member_added", "group.changed", "group.created"]);
        (await Actions("action=group.changed")).ShouldBe(["group.changed"]);
        (await Actions("action=group%25")).ShouldBeEmpty("a prefix is text, not a pattern");
        (await Actions($"actorId={workspace.Supervisor.Id}")).ShouldBe(["group.member_added", "group.created"]);
        (await Actions("target=sales")).ShouldBe(["group.changed", "group.created"]);
        (await Actions($"from={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(3).ToString("O"))}"))
            .ShouldBe(["group.changed", "group.created"], "from is included, to is not");
        (await Actions($"from={Uri.EscapeDataString(start.AddHours(3).ToOffset(TimeSpan.FromHours(2)).ToString("O"))}"))
            .ShouldBe(["group.member_added"], "a time in another offset is the same moment");
    }

    [Fact]
    public async Task Pages_never_skip_or_repeat_entries_that_share_a_time()
    {
        var workspace = await app.NewWorkspaceAsync();
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1230);
        var ids = await GivenEntriesAsync(workspace, Enumerable.Range(0, 23)
            .Select(i => (i < 3 ? at.AddSeconds(-1) : at, "workspace.renamed", (Guid?)workspace.Admin.Id, $"t{i}")).ToArray());

        var seen = new List<AdminLogView>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await app.Api().GetAsync<AdminLogPage>(
                $"/api/admin-log?limit=5{(cursor is null ? "" : $"&cursor={cursor}")}", workspace.Admin.Token);
            seen.AddRange(page.Entries);
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null);

        pages.ShouldBe(5);
        seen.Select(e => e.Id).ShouldBe(ids.OrderByDescending(e => e.At).ThenByDescending(e => e.Id.ToString(), StringComparer.Ordinal).Select(e => e.Id),
            "newest first, then by id, each once");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z")]
    [InlineData("cursor=yesterday")]
    [InlineData("cursor=12.not-a-guid")]
    public async Task Bad_paging_or_a_reversed_range_is_refused(string query)
    {
        var workspace = await app.NewWorkspaceAsync();

        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/admin-log?{query}", null, workspace.Admin.Token, 400);
    }

    /// <summary>Given entries stored as the service stores them, at chosen times; answers them as stored.</summary>
    private async Task<IReadOnlyList<AdminLogEntry>> GivenEntriesAsync(TestWorkspace workspace,
        IReadOnlyList<(DateTimeOffset At, string Action, Guid? ActorId, string Target)> entries)
    {
        var stored = entries.Select(e => new AdminLogEntry(Guid.CreateVersion7(), workspace.Id, e.At, e.ActorId, "192.0.2.1", e.Action,
            e.Target, null, """{"name":"x"}""")).ToList();
        await using var session = app.Store.LightweightSession();
        session.Insert(stored.ToArray());
        await session.SaveChangesAsync();
        return stored;
    }

    [Fact]
    public async Task Only_admins_and_auditors_read_it_and_only_their_own_workspaces()
    {
        var workspace = await app.NewWorkspaceAsync();
        var other = await app.NewWorkspaceAsync();
        await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { name = "Private rename" }, workspace.Admin.Token, 200);

        await app.Api().RefusedAsync(HttpMethod.Get, "/api/admin-log", null, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/admin-log", null, workspace.Supervisor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/admin-log?limit=0", null, workspace.Admin.Token, 400);
        (await app.Api().GetAsync<AdminLogPage>("/api/admin-log", other.Admin.Token)).Entries.ShouldBeEmpty();
        (await app.Api().GetAsync<AdminLogPage>("/api/admin-log", workspace.Auditor.Token)).Entries.ShouldHaveSingleItem();
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/admin-log/actions", null, workspace.Supervisor.Token, 403);
        (await app.Api().GetAsync<string[]>("/api/admin-log/actions", workspace.Auditor.Token)).ShouldContain(AdminActions.AgentChanged);
    }
}
