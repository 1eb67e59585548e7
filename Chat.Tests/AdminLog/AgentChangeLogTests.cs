using System.Text.Json;
using Chat.Api.AdminLog;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Tests.Identity;
using Chat.Tests.Support;

namespace Chat.Tests.AdminLog;

/// <summary>
/// Changes to agents and to sessions are in the admin log: whoever made them (a supervisor or an admin; nobody for a
/// replayed refresh token), from where, and what the agent was before and after, never a password, hash or token.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class AgentChangeLogTests(ChatApp app)
{
    private const string Password = "a password of the new agent";

    [Fact]
    public async Task Creating_changing_disabling_and_restoring_an_agent_is_logged_with_its_values_before_and_after()
    {
        var workspace = await app.NewWorkspaceAsync();
        var made = await app.Api().PostAsync<AgentProfile>("/api/agents", new
        {
            email = "nora@example.com", displayName = "Nora", role = "Agent", password = Password, maxConcurrentChats = 2,
        }, workspace.Supervisor.Token, 201);
        await app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{made.Id}", new { role = "Supervisor", maxConcurrentChats = 4 },
            workspace.Admin.Token, 200);
        await app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{made.Id}", new { maxConcurrentChats = 4 }, workspace.Admin.Token, 200);
        await app.Api().SendAsync(HttpMethod.Delete, $"/api/agents/{made.Id}", null, workspace.Supervisor.Token, 200);
        await app.Api().SendAsync(HttpMethod.Post, $"/api/agents/{made.Id}/restore", null, workspace.Admin.Token, 200);

        var log = await app.Api().GetAsync<AdminLogPage>($"/api/admin-log?action=agent.&target={made.Id}", workspace.Auditor.Token);

        log.Entries.Select(e => (e.Action, e.ActorId, e.ActorName)).ShouldBe(
        [
            (AdminActions.AgentRestored, workspace.Admin.Id, workspace.Admin.Account.DisplayName),
            (AdminActions.AgentDeleted, workspace.Supervisor.Id, workspace.Supervisor.Account.DisplayName),
            (AdminActions.AgentChanged, workspace.Admin.Id, workspace.Admin.Account.DisplayName),
            (AdminActions.AgentCreated, workspace.Supervisor.Id, workspace.Supervisor.Account.DisplayName),
        ], "a change that changes nothing is not logged");
        var nora = new Agent("Nora", "nora@example.com", "Agent", 2, "default", true);
        var promoted = nora with { Role = "Supervisor", MaxConcurrentChats = 4 };
        var (restored, deleted, changed, created) = (log.Entries[0], log.Entries[1], log.Entries[2], log.Entries[3]);
        (created.Before, Agent.Of(created.After)).ShouldBe((null, nora));
        (Agent.Of(changed.Before), Agent.Of(changed.After)).ShouldBe((nora, promoted));
        (Agent.Of(deleted.Before), Agent.Of(deleted.After)).ShouldBe((promoted, promoted with { Enabled = false }));
        (Agent.Of(restored.Before), Agent.Of(restored.After)).ShouldBe((promoted with { Enabled = false }, promoted));
        var raw = await app.Api().SendAsync(HttpMethod.Get, "/api/admin-log", null, workspace.Admin.Token, 200);
        raw.ShouldNotContain(Password);
        raw.ShouldNotContain("AQAAAA", Case.Sensitive, "no password hash either");
    }

    [Fact]
    public async Task A_replayed_refresh_token_is_logged_without_an_actor_but_with_the_replayers_address()
    {
        var workspace = await app.NewWorkspaceAsync();
        var first = await app.LogInAsync(workspace.Agent);
        var second = (await app.RefreshAsync(first.RefreshToken!)).Read<TokenPair>();
        await app.RefreshAsync(second.RefreshToken!);

        await app.RefreshAsync(first.RefreshToken!, Device.Phone);

        var entry = (await SessionEntriesAsync(workspace, AdminActions.RefreshTokenReused)).ShouldHaveSingleItem();
        (entry.ActorId, entry.ActorName, entry.Ip, entry.Target).ShouldBe((null, null, Device.Phone.Ip, workspace.Agent.Id.ToString()));
        entry.After!.Value.GetProperty("reason").GetString().ShouldBe(RevocationReasons.RefreshTokenReused);
        var raw = await app.Api().SendAsync(HttpMethod.Get, "/api/admin-log", null, workspace.Admin.Token, 200);
        foreach (var token in new[] { first.RefreshToken!, second.RefreshToken!, TokenIssuer.HashOf(first.RefreshToken!), first.AccessToken })
            raw.ShouldNotContain(token);
    }

    [Fact]
    public async Task Signing_out_and_changing_a_password_are_logged_as_the_agents_own_acts()
    {
        var workspace = await app.NewWorkspaceAsync();
        var laptop = await app.LogInAsync(workspace.Agent, Device.Laptop);
        var phone = await app.LogInAsync(workspace.Agent, Device.Phone);
        var signingOut = await app.LogInAsync(workspace.Agent, Device.Phone);

        await app.LogOutAsync(signingOut.RefreshToken!, Device.Phone);
        (await app.SendAsync(HttpMethod.Put, "/api/auth/password",
            new { currentPassword = TestAgent.Password, newPassword = "a brand new passphrase" }, laptop.AccessToken, Device.Laptop)).Status.ShouldBe(204);

        var signedOut = (await SessionEntriesAsync(workspace, AdminActions.SignedOut)).ShouldHaveSingleItem();
        (signedOut.ActorId, signedOut.Ip).ShouldBe((workspace.Agent.Id, Device.Phone.Ip));
        var changed = (await SessionEntriesAsync(workspace, AdminActions.PasswordChanged)).ShouldHaveSingleItem();
        (changed.ActorId, changed.Ip, changed.Before).ShouldBe((workspace.Agent.Id, Device.Laptop.Ip, null));
        changed.After!.Value.GetProperty("otherSessionsEnded").GetInt32().ShouldBe(1, "the phone's; the signed-out one had ended");
        var ended = (await SessionEntriesAsync(workspace, AdminActions.SessionEnded)).ShouldHaveSingleItem();
        ended.After!.Value.GetProperty("reason").GetString().ShouldBe(RevocationReasons.PasswordChanged);
        (await app.RefreshAsync(phone.RefreshToken!, Device.Phone)).ShouldBeProblem(401);
        var raw = await app.Api().SendAsync(HttpMethod.Get, "/api/admin-log?action=auth.", null, workspace.Admin.Token, 200);
        raw.ShouldNotContain("a brand new passphrase");
        raw.ShouldNotContain(TestAgent.Password);
    }

    private async Task<IReadOnlyList<AdminLogView>> SessionEntriesAsync(TestWorkspace workspace, string action) =>
        (await app.Api().GetAsync<AdminLogPage>($"/api/admin-log?action={action}&target={workspace.Agent.Id}", workspace.Admin.Token)).Entries;

    /// <summary>An agent as the log shows them (groups joined, so records compare by value).</summary>
    private sealed record Agent(string DisplayName, string Email, string Role, int MaxConcurrentChats, string Groups, bool Enabled)
    {
        public static Agent? Of(JsonElement? json) => json is not { } agent ? null : new Agent(
            agent.GetProperty("displayName").GetString()!, agent.GetProperty("email").GetString()!, agent.GetProperty("role").GetString()!,
            agent.GetProperty("maxConcurrentChats").GetInt32(), string.Join(",", agent.GetProperty("groups").EnumerateArray().Select(g => g.GetString())),
            agent.GetProperty("enabled").GetBoolean());
    }
}
