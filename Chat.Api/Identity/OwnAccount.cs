using System.Security.Claims;
using Chat.Api.Identity.TwoFactor;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Identity;

/// <summary>
/// The signed-in agent, as their account says now (a rename shows before the token is renewed), with their second factor:
/// whether it is on, how many recovery codes are left, and whether the workspace requires it.
/// </summary>
public sealed record Me(Guid Id, string Email, string DisplayName, string Role, string WorkspaceId, string WorkspaceName)
{
    public bool TwoFactorEnabled { get; init; }
    public int RecoveryCodesLeft { get; init; }
    public bool TwoFactorRequired { get; init; }
}

/// <summary>Every member of staff reads their own account, changes their password, and lists and ends their sessions.</summary>
public static class OwnAccount
{
    public static RouteGroupBuilder MapOwnAccount(this RouteGroupBuilder api)
    {
        var own = api.MapGroup("/auth").RequireAuthorization(Policies.Staff).WithTags("Auth");
        own.MapGet("/me", MeAsync);
        own.MapPut("/password", PasswordChange.ChangeAsync);
        own.MapGet("/sessions", OwnSessions.ListAsync);
        own.MapDelete("/sessions/{sessionId:guid}", OwnSessions.RevokeAsync);
        return api;
    }

    private static async Task<IResult> MeAsync(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await AccountOfAsync(session, user, ct) is not { } account) return GoneAccount;
        var workspace = await session.LoadAsync<Workspace>(account.WorkspaceId, ct);
        var twoFactor = await session.LoadAsync<TwoFactorState>(account.Id, ct);
        return Results.Ok(new Me(account.Id, account.Email, account.DisplayName, account.Role, account.WorkspaceId, workspace?.Name ?? "")
        {
            TwoFactorEnabled = TwoFactorState.IsOn(twoFactor),
            RecoveryCodesLeft = TwoFactorState.IsOn(twoFactor) ? twoFactor!.RecoveryCodeHashes.Count : 0,
            TwoFactorRequired = workspace?.RequireTwoFactor == true,
        });
    }

    /// <summary>The caller's enabled account; null when it was deleted or disabled since their access token was issued.</summary>
    public static async Task<AgentAccount?> AccountOfAsync(IQuerySession session, ClaimsPrincipal user, CancellationToken ct) =>
        await session.LoadAsync<AgentAccount>(user.AgentId(), ct) is { Disabled: false } account && account.WorkspaceId == user.WorkspaceId()
            ? account
            : null;

    public static IResult GoneAccount => Problems.Unauthorized("The account no longer exists or is disabled.");
}
