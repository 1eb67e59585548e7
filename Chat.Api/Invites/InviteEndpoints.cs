using Chat.Api.AdminLog;
using System.Security.Claims;
using System.Security.Cryptography;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.Mail;
using Chat.Domain;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Api.Invites;

public sealed record InviteRequest(string? Email, string? Role, IReadOnlyList<string>? Groups);

public sealed record InviteToken(string? Token);

public sealed record AcceptInvite(string? Token, string? DisplayName, string? Password);

/// <summary>What the acceptance page shows before the person chooses a name and password.</summary>
public sealed record InviteLookup(string WorkspaceName, string Email, string Role, DateTimeOffset ExpiresAt);

/// <summary>
/// Admins and supervisors invite by email; only admins invite admins. The mail carries a single-use link; the person
/// who follows it sets a name and password and becomes an agent of the workspace. Every unusable token (unknown,
/// used, revoked, expired) gets the same 404, so the answer tells nothing more.
/// </summary>
public static class InviteEndpoints
{
    public static RouteGroupBuilder MapInvites(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/invites").RequireAuthorization(Policies.Supervise).WithTags("Invites");
        staff.MapPost("", CreateAsync);
        staff.MapGet("", ListAsync);
        staff.MapDelete("/{inviteId:guid}", RevokeAsync);
        api.MapPost("/invites/lookup", LookupAsync).AllowAnonymous().WithTags("Invites");
        api.MapPost("/invites/accept", AcceptAsync).AllowAnonymous().WithTags("Invites");
        return api;
    }

    private static async Task<IResult> CreateAsync(InviteRequest request, ClaimsPrincipal user, IDocumentStore store, IMailer mailer,
        TimeProvider clock, IOptions<ChatOptions> options, HttpContext http, CancellationToken ct)
    {
        var email = request.Email?.Trim().ToLowerInvariant() ?? "";
        var role = request.Role ?? Roles.Agent;
        var (groups, badGroups) = CatalogRules.NormalizeGroups(request.Groups ?? [DefaultGroup.Id]);
        if ((CatalogRules.CheckEmail(email) ?? CatalogRules.CheckRole(role) ?? badGroups) is { } problem) return Problems.Invalid(problem);
        if (role == Roles.Admin && !user.IsInRole(Roles.Admin)) return Problems.Forbidden("Only admins invite admins.");

        var workspaceId = user.WorkspaceId();
        await using var session = store.LightweightSession(workspaceId);
        if (await Groups.MissingAsync(session, groups!, ct) is { } missing) return Problems.Invalid($"No group '{missing}' in this workspace.");
        if (await session.Query<AgentAccount>().AnyAsync(a => a.Email == email && a.WorkspaceId == workspaceId, ct))
            return Problems.Of(StatusCodes.Status409Conflict, "Conflict", "An account with this email exists already in this workspace.");
        var workspace = await session.LoadAsync<Workspace>(workspaceId, ct);

        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var invite = new Invite(Guid.CreateVersion7(), workspaceId, email, role, groups!, TokenIssuer.HashOf(token), user.AgentId(), now,
            now.AddHours(options.Value.Invites.ValidHours));
        session.Insert(invite);
        session.RecordAdminChange(http, AdminActions.InviteSent, invite.Id.ToString(), after: InviteView.Of(invite, now));
        await session.SaveChangesAsync(ct);

        // In the fragment, so the token reaches no server log on its way to the page.
        var link = $"{options.Value.Mail.PublicUrl.TrimEnd('/')}/app/invite#{token}";
        await mailer.SendAsync(new OutgoingMail(email, $"You are invited to {workspace?.Name ?? workspaceId} on Chat",
            $"""
            You are invited to join {workspace?.Name ?? workspaceId} on Chat as {role}.

            Choose your name and password here (the link works once, until {invite.ExpiresAt:yyyy-MM-dd HH:mm} UTC):
            {link}
            """), ct);
        return Results.Created($"/api/invites/{invite.Id}", InviteView.Of(invite, now));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var workspaceId = user.WorkspaceId();
        var invites = await session.Query<Invite>().Where(i => i.WorkspaceId == workspaceId).OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return Results.Ok(invites.Select(i => InviteView.Of(i, now)));
    }

    private static async Task<IResult> RevokeAsync(Guid inviteId, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Invite>(inviteId, ct) is not { } invite || invite.WorkspaceId != user.WorkspaceId())
            return Problems.NotFound($"Invite {inviteId} is not an invite of this workspace.");
        if (invite.Role == Roles.Admin && !user.IsInRole(Roles.Admin)) return Problems.Forbidden("Only admins revoke an admin's invite.");
        if (invite.StatusAt(clock.GetUtcNow()) != InviteStatus.Pending) return Results.NoContent();
        session.Store(invite with { RevokedAt = clock.GetUtcNow() });
        session.RecordAdminChange(http, AdminActions.InviteRevoked, invite.Id.ToString(), new { invite.Email, invite.Role });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "Conflict", "The invite was accepted or revoked at the same moment.");
        }
        return Results.NoContent();
    }

    private static async Task<IResult> LookupAsync(InviteToken request, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await UsableAsync(session, request.Token, clock, ct) is not { } invite) return Unusable;
        var workspace = await session.LoadAsync<Workspace>(invite.WorkspaceId, ct);
        return Results.Ok(new InviteLookup(workspace?.Name ?? invite.WorkspaceId, invite.Email, invite.Role, invite.ExpiresAt));
    }

    private static async Task<IResult> AcceptAsync(AcceptInvite request, IDocumentStore store, PasswordHasher<AgentAccount> hasher,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var problem = CatalogRules.CheckName(request.DisplayName, "displayName")
                      ?? (request.Password?.Length >= CatalogRules.MinPasswordLength ? null : $"The password has at least {CatalogRules.MinPasswordLength} characters.");
        if (problem is not null) return Problems.Invalid(problem);

        await using var session = store.LightweightSession();
        if (await UsableAsync(session, request.Token, clock, ct) is not { } invite) return Unusable;
        var now = clock.GetUtcNow();
        var account = new AgentAccount(Guid.CreateVersion7(), invite.WorkspaceId, invite.Email, request.DisplayName!.Trim(), invite.Role, "", now);
        session.Insert(account with { PasswordHash = hasher.HashPassword(account, request.Password!) });
        session.ForTenant(invite.WorkspaceId).Insert(new AgentProfile(account.Id, account.Email, account.DisplayName, account.Role, 3,
            invite.Groups, false, now, null));
        // Optimistic concurrency on the invite: of two acceptances at once, the second fails to save.
        session.Store(invite with { AcceptedAt = now, AgentId = account.Id });
        session.RecordAdminChange(invite.WorkspaceId, account.Id, http, AdminActions.InviteAccepted, invite.Id.ToString(),
            after: new { agentId = account.Id, account.Email, account.DisplayName, account.Role, invite.Groups });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            return Unusable;
        }
        catch (Exception e) when (StoreFaults.Classify(e) == StoreFault.UniqueViolation)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "Conflict", "An account with this email exists already in this workspace.");
        }
        return Results.Ok(new { agentId = account.Id, workspaceId = invite.WorkspaceId, email = account.Email });
    }

    private static async Task<Invite?> UsableAsync(IQuerySession session, string? token, TimeProvider clock, CancellationToken ct)
    {
        if (Text.IsBlank(token) || token.Length > 200) return null;
        var hash = TokenIssuer.HashOf(token);
        var invite = await session.Query<Invite>().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invite?.StatusAt(clock.GetUtcNow()) == InviteStatus.Pending ? invite : null;
    }

    private static IResult Unusable => Problems.NotFound("This invitation is unknown, used, revoked or expired.");
}
