using System.Text.RegularExpressions;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Invites;
using Chat.Api.Mail;
using Chat.Tests.Catalog;
using Chat.Tests.Support;
using Marten;

namespace Chat.Tests.Invites;

/// <summary>
/// Admins and supervisors invite by email; the mail's link works once, until it expires or is revoked, and makes the
/// person an agent of the workspace with the invite's role and groups.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed partial class InviteTests(ChatApp app)
{
    private const string Password = "a password long enough";

    [Fact]
    public async Task An_invited_person_follows_the_mailed_link_sets_a_name_and_password_and_signs_in_with_the_invited_role()
    {
        var workspace = await app.NewWorkspaceAsync();
        var email = NewEmail();

        var invite = await app.Api().PostAsync<InviteView>("/api/invites", new { email, role = Roles.Supervisor }, workspace.Admin.Token, 201);
        var token = await MailedTokenAsync(email);
        var lookup = await app.Api().PostAsync<InviteLookup>("/api/invites/lookup", new { token }, null);
        await app.Api().SendAsync(HttpMethod.Post, "/api/invites/accept", new { token, displayName = "Nia", password = Password }, null, 200);

        (invite.Status, lookup.Email, lookup.Role, lookup.WorkspaceName).ShouldBe((InviteStatus.Pending, email, Roles.Supervisor, workspace.Workspace.Name));
        var signedIn = await app.Api().PostAsync<TokenPair>("/api/auth/login", new { email, password = Password }, null);
        (signedIn.WorkspaceId, signedIn.Role, signedIn.DisplayName).ShouldBe((workspace.Id, Roles.Supervisor, "Nia"));
        var profile = await app.Api().GetAsync<AgentProfile>($"/api/agents/{signedIn.AgentId}", workspace.Admin.Token);
        profile.Groups.ShouldBe([DefaultGroup.Id]);
        var listed = await app.Api().GetAsync<List<InviteView>>("/api/invites", workspace.Admin.Token);
        var accepted = listed.Single(i => i.Id == invite.Id);
        (accepted.Email, accepted.Role, accepted.Status, accepted.AgentId).ShouldBe((email, Roles.Supervisor, InviteStatus.Accepted, signedIn.AgentId));
        (await app.Api().SendAsync(HttpMethod.Get, "/api/invites", null, workspace.Admin.Token, 200)).ShouldNotContain(token);
    }

    [Fact]
    public async Task An_invite_works_once()
    {
        var workspace = await app.NewWorkspaceAsync();
        var email = NewEmail();
        await app.Api().PostAsync<InviteView>("/api/invites", new { email }, workspace.Supervisor.Token, 201);
        var token = await MailedTokenAsync(email);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => app.PostAnyAsync("/api/invites/accept",
            new { token, displayName = $"Twin {i}", password = Password }, null)));

        attempts.Count(a => a.Status == 200).ShouldBe(1);
        attempts.Where(a => a.Status != 200).ShouldAllBe(a => a.Status == 404 || a.Status == 409);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites/accept", new { token, displayName = "Again", password = Password }, null, 404);
        await using var session = app.Store.QuerySession();
        (await session.Query<AgentAccount>().CountAsync(a => a.Email == email)).ShouldBe(1);
    }

    [Fact]
    public async Task A_revoked_or_expired_invite_is_refused_like_an_unknown_one()
    {
        var workspace = await app.NewWorkspaceAsync();
        var revokedEmail = NewEmail();
        var expiredEmail = NewEmail();
        var revoked = await app.Api().PostAsync<InviteView>("/api/invites", new { email = revokedEmail }, workspace.Admin.Token, 201);
        var expired = await app.Api().PostAsync<InviteView>("/api/invites", new { email = expiredEmail }, workspace.Admin.Token, 201);
        await app.Api().SendAsync(HttpMethod.Delete, $"/api/invites/{revoked.Id}", null, workspace.Admin.Token, 204);
        await ExpireAsync(expired.Id);

        var answers = new[]
        {
            await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites/accept",
                new { token = await MailedTokenAsync(revokedEmail), displayName = "Rev", password = Password }, null, 404),
            await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites/accept",
                new { token = await MailedTokenAsync(expiredEmail), displayName = "Exp", password = Password }, null, 404),
            await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites/accept",
                new { token = "made-up-token", displayName = "Guess", password = Password }, null, 404),
            await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites/lookup", new { token = "made-up-token" }, null, 404),
        };

        answers.Select(a => a.Detail).Distinct().ShouldBe(["This invitation is unknown, used, revoked or expired."]);
        var statuses = (await app.Api().GetAsync<List<InviteView>>("/api/invites", workspace.Admin.Token)).ToDictionary(i => i.Id, i => i.Status);
        (statuses[revoked.Id], statuses[expired.Id]).ShouldBe((InviteStatus.Revoked, InviteStatus.Expired));
    }

    [Fact]
    public async Task Who_may_invite_whom_and_bad_invites_change_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var other = await app.NewWorkspaceAsync();

        await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites", new { email = NewEmail() }, workspace.Agent.Token, 403);
        (await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites", new { email = NewEmail(), role = Roles.Admin }, workspace.Supervisor.Token, 403))
            .Detail.ShouldBe("Only admins invite admins.");
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites", new { email = "nope" }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites", new { email = NewEmail(), role = "Boss" }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites", new { email = NewEmail(), groups = new[] { "nowhere" } }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites", new { email = workspace.Agent.Account.Email }, workspace.Admin.Token, 409);
        (await app.Api().GetAsync<List<InviteView>>("/api/invites", workspace.Admin.Token)).ShouldBeEmpty();

        var invite = await app.Api().PostAsync<InviteView>("/api/invites", new { email = NewEmail() }, workspace.Admin.Token, 201);
        await app.Api().RefusedAsync(HttpMethod.Delete, $"/api/invites/{invite.Id}", null, other.Admin.Token, 404);
        (await app.Api().GetAsync<List<InviteView>>("/api/invites", other.Admin.Token)).ShouldBeEmpty();
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/invites/accept", new { token = "x", displayName = " ", password = Password }, null, 400);
    }

    private static string NewEmail() => $"invitee-{Guid.NewGuid():N}@team.test";

    /// <summary>The token in the link of the one mail the development mailbox holds for this address.</summary>
    private async Task<string> MailedTokenAsync(string email)
    {
        await using var session = app.Store.QuerySession();
        var mail = (await session.Query<MailboxMessage>().Where(m => m.To == email).ToListAsync()).ShouldHaveSingleItem();
        return InviteLink().Match(mail.Body).Groups[1].Value;
    }

    private async Task ExpireAsync(Guid inviteId)
    {
        await using var session = app.Store.LightweightSession();
        var invite = await session.LoadAsync<Invite>(inviteId);
        session.Store(invite! with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await session.SaveChangesAsync();
    }

    [GeneratedRegex(@"/app/invite#([A-Za-z0-9_-]+)")]
    private static partial Regex InviteLink();
}
