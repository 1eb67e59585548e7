using Chat.Api.AdminLog;
using Chat.Api.Identity;
using Chat.Tests.Support;

namespace Chat.Tests.Identity;

/// <summary>
/// Every member of staff reads their own account, changes their password (which ends their other sessions), and lists
/// and ends their own sessions, never anyone else's.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class OwnAccountTests(ChatApp app)
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Me_is_the_signed_in_agent_with_their_workspace()
    {
        var workspace = await app.NewWorkspaceAsync();
        var login = await app.LogInAsync(workspace.Supervisor);

        var me = (await app.SendAsync(HttpMethod.Get, "/api/auth/me", null, login.AccessToken)).Read<Me>();

        var account = workspace.Supervisor.Account;
        me.ShouldBe(new Me(account.Id, account.Email, account.DisplayName, Roles.Supervisor, workspace.Id, workspace.Workspace.Name));
    }

    [Fact]
    public async Task Me_needs_a_staff_token()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();

        (await app.SendAsync(HttpMethod.Get, "/api/auth/me", null, null)).ShouldBeProblem(401);
        (await app.SendAsync(HttpMethod.Get, "/api/auth/me", null, visitor.Token)).ShouldBeProblem(403);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        var workspace = await app.NewWorkspaceAsync();
        var here = await app.LogInAsync(workspace.Agent, Device.Laptop);
        var phone = await app.LogInAsync(workspace.Agent, Device.Phone);
        var tablet = await app.LogInAsync(workspace.Agent, Device.Phone);

        var change = await app.SendAsync(HttpMethod.Put, "/api/auth/password",
            new { currentPassword = TestAgent.Password, newPassword = NewPassword }, here.AccessToken);

        change.Status.ShouldBe(204);
        (await app.RefreshAsync(phone.RefreshToken!, Device.Phone)).ShouldBeProblem(401);
        (await app.RefreshAsync(tablet.RefreshToken!, Device.Phone)).ShouldBeProblem(401);
        (await app.RefreshAsync(here.RefreshToken!)).Status.ShouldBe(200);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = workspace.Agent.Account.Email, password = TestAgent.Password }, null))
            .ShouldBeProblem(401);
        await app.LogInAsync(workspace.Agent, password: NewPassword);
        var records = await app.SessionLogAsync(workspace.Agent);
        records.Where(r => r.Action == AdminActions.SessionEnded).Select(r => r.Reason)
            .ShouldBe([RevocationReasons.PasswordChanged, RevocationReasons.PasswordChanged]);
        records.Single(r => r.Action == AdminActions.PasswordChanged).Ip.ShouldBe(Device.Laptop.Ip);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_changes_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var here = await app.LogInAsync(workspace.Agent);
        var elsewhere = await app.LogInAsync(workspace.Agent, Device.Phone);

        var change = await app.SendAsync(HttpMethod.Put, "/api/auth/password",
            new { currentPassword = "not the password", newPassword = NewPassword }, here.AccessToken);

        change.ShouldBeProblem(403).Detail.ShouldBe("The current password is wrong.");
        await app.LogInAsync(workspace.Agent);
        (await app.RefreshAsync(elsewhere.RefreshToken!, Device.Phone)).Status.ShouldBe(200);
        (await app.SessionLogAsync(workspace.Agent)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, NewPassword)]
    [InlineData(TestAgent.Password, null)]
    [InlineData(TestAgent.Password, "too short")]
    [InlineData(TestAgent.Password, TestAgent.Password)]
    public async Task A_new_password_must_follow_the_rules_of_agent_creation_and_differ_from_the_old(string? current, string? next)
    {
        var workspace = await app.NewWorkspaceAsync();
        var here = await app.LogInAsync(workspace.Agent);
        var elsewhere = await app.LogInAsync(workspace.Agent, Device.Phone);

        (await app.SendAsync(HttpMethod.Put, "/api/auth/password", new { currentPassword = current, newPassword = next }, here.AccessToken))
            .ShouldBeProblem(400);

        await app.LogInAsync(workspace.Agent);
        (await app.RefreshAsync(elsewhere.RefreshToken!, Device.Phone)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task The_sessions_list_shows_each_live_sign_in_and_which_is_this_one_and_never_a_token()
    {
        var workspace = await app.NewWorkspaceAsync();
        var laptop = await app.LogInAsync(workspace.Agent, Device.Laptop);
        var phone = await app.LogInAsync(workspace.Agent, Device.Phone);
        await app.LogInAsync(workspace.OtherAgent);
        var signedOut = await app.LogInAsync(workspace.Agent);
        await app.LogOutAsync(signedOut.RefreshToken!);
        var renewed = (await app.RefreshAsync(phone.RefreshToken!, Device.Phone)).Read<TokenPair>();

        var answer = await app.SendAsync(HttpMethod.Get, "/api/auth/sessions", null, laptop.AccessToken);

        var sessions = answer.Read<List<OwnSession>>();
        sessions.Select(s => (s.Ip, s.UserAgent, s.Current)).ShouldBe(
        [
            (Device.Phone.Ip, Device.Phone.UserAgent, false),
            (Device.Laptop.Ip, Device.Laptop.UserAgent, true),
        ], "the most recently used first");
        sessions[0].LastUsedAt.ShouldBeGreaterThan(sessions[0].CreatedAt);
        foreach (var token in new[] { laptop.RefreshToken!, phone.RefreshToken!, renewed.RefreshToken!, TokenIssuer.HashOf(laptop.RefreshToken!) })
            answer.Body.ShouldNotContain(token);
    }

    [Fact]
    public async Task Revoking_one_of_your_sessions_ends_it_and_leaves_the_rest()
    {
        var workspace = await app.NewWorkspaceAsync();
        var here = await app.LogInAsync(workspace.Agent);
        var phone = await app.LogInAsync(workspace.Agent, Device.Phone);
        var phoneSession = (await SessionsOf(here)).Single(s => !s.Current);

        (await app.SendAsync(HttpMethod.Delete, $"/api/auth/sessions/{phoneSession.Id}", null, here.AccessToken)).Status.ShouldBe(204);

        (await app.RefreshAsync(phone.RefreshToken!, Device.Phone)).ShouldBeProblem(401);
        (await SessionsOf(here)).ShouldHaveSingleItem().Current.ShouldBeTrue();
        (await app.RefreshAsync(here.RefreshToken!)).Status.ShouldBe(200);
        var record = (await app.SessionLogAsync(workspace.Agent)).ShouldHaveSingleItem();
        (record.Reason, record.Session, record.ActorId).ShouldBe((RevocationReasons.RevokedByAgent, phoneSession.Id, workspace.Agent.Id));
        (await app.SendAsync(HttpMethod.Delete, $"/api/auth/sessions/{phoneSession.Id}", null, here.AccessToken)).Status.ShouldBe(204,
            "ending an ended session changes nothing");
    }

    [Fact]
    public async Task Nobody_else_can_revoke_your_session_not_even_an_admin()
    {
        var workspace = await app.NewWorkspaceAsync();
        var other = await app.NewWorkspaceAsync();
        var mine = await app.LogInAsync(workspace.Agent);
        var session = (await SessionsOf(mine)).Single();

        foreach (var stranger in new[] { workspace.OtherAgent, workspace.Admin, other.Admin })
        {
            var theirs = await app.LogInAsync(stranger);
            (await app.SendAsync(HttpMethod.Delete, $"/api/auth/sessions/{session.Id}", null, theirs.AccessToken)).ShouldBeProblem(404);
        }
        (await app.SendAsync(HttpMethod.Delete, $"/api/auth/sessions/{Guid.NewGuid()}", null, mine.AccessToken)).ShouldBeProblem(404);

        (await app.RefreshAsync(mine.RefreshToken!)).Status.ShouldBe(200);
        (await app.SessionLogAsync(workspace.Agent)).ShouldBeEmpty();
    }

    private async Task<List<OwnSession>> SessionsOf(TokenPair login) =>
        (await app.SendAsync(HttpMethod.Get, "/api/auth/sessions", null, login.AccessToken)).Read<List<OwnSession>>();
}
