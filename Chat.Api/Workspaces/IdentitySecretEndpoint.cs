using Chat.Api.AdminLog;
using System.Security.Claims;
using Chat.Api.Identity;
using Marten;

namespace Chat.Api.Workspaces;

public sealed record IdentitySecretState(bool Enabled, DateTimeOffset? CreatedAt);

/// <summary>The secret itself, in the one answer that makes it.</summary>
public sealed record NewIdentitySecret(string Secret, DateTimeOffset CreatedAt);

/// <summary>
/// The workspace's identity secret, for signed visitor identities. Making one replaces the last (signatures made
/// with the old one stop working); deleting it turns verification off. Reads tell only whether there is one.
/// </summary>
public static class IdentitySecretEndpoint
{
    public static RouteGroupBuilder MapIdentitySecret(this RouteGroupBuilder staff)
    {
        var secret = staff.MapGroup("/workspace/identity-secret").RequireAuthorization(Policies.Administer).WithTags("Workspace");
        secret.MapGet("", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
        {
            await using var session = store.QuerySession();
            var current = await session.LoadAsync<IdentitySecret>(user.WorkspaceId(), ct);
            return Results.Ok(new IdentitySecretState(current is not null, current?.CreatedAt));
        });
        secret.MapPost("", async (ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await using var session = store.LightweightSession();
            var made = new IdentitySecret(user.WorkspaceId(), SignedVisitorIdentity.NewSecret(), clock.GetUtcNow());
            session.Store(made);
            session.RecordAdminChange(http, AdminActions.IdentitySecretMade, made.Id, after: new { made.CreatedAt });
            await session.SaveChangesAsync(ct);
            return Results.Ok(new NewIdentitySecret(made.Secret, made.CreatedAt));
        });
        secret.MapDelete("", async (ClaimsPrincipal user, IDocumentStore store, HttpContext http, CancellationToken ct) =>
        {
            await using var session = store.LightweightSession();
            session.Delete<IdentitySecret>(user.WorkspaceId());
            session.RecordAdminChange(http, AdminActions.IdentitySecretRemoved, user.WorkspaceId());
            await session.SaveChangesAsync(ct);
            return Results.NoContent();
        });
        return staff;
    }
}
