using Chat.Api.AdminLog;
using Chat.Api.Identity;
using Chat.Api.Workspaces;
using Chat.Tests.Support;

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
    public async Task The_log_is_filtered_by_action_and_actor_and_paged_without_gaps_or_repeats()
    {
        var workspace = await app.NewWorkspaceAsync();
        for (var i = 0; i < 5; i++)
            await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { name = $"Name {i}" }, workspace.Admin.Token, 200);
        await app.Api().SendAsync(HttpMethod.Post, "/api/groups", new { id = "vip", name = "VIP" }, workspace.Supervisor.Token, 201);

        var renames = await app.Api().GetAsync<AdminLogPage>($"/api/admin-log?action={AdminActions.WorkspaceRenamed}", workspace.Auditor.Token);
        var bySupervisor = await app.Api().GetAsync<AdminLogPage>($"/api/admin-log?actorId={workspace.Supervisor.Id}", workspace.Auditor.Token);
        var first = await app.Api().GetAsync<AdminLogPage>($"/api/admin-log?action={AdminActions.WorkspaceRenamed}&limit=3", workspace.Auditor.Token);
        var second = await app.Api().GetAsync<AdminLogPage>(
            $"/api/admin-log?action={AdminActions.WorkspaceRenamed}&limit=3&before={Uri.EscapeDataString(first.Next!.Value.ToString("O"))}", workspace.Auditor.Token);

        renames.Entries.Select(e => e.After!.Value.GetProperty("name").GetString()).ShouldBe(["Name 4", "Name 3", "Name 2", "Name 1", "Name 0"]);
        bySupervisor.Entries.Select(e => e.Action).ShouldBe([AdminActions.GroupCreated]);
        first.Entries.Concat(second.Entries).Select(e => e.Id).ShouldBe(renames.Entries.Select(e => e.Id));
        second.Next.ShouldBeNull();
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
    }
}
