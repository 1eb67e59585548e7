using System.Security.Claims;
using Chat.Api.AdminLog;
using Chat.Api.Catalog;
using Chat.Api.Infrastructure;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Identity;

namespace Chat.Api.Identity;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// An agent changes their own password with the current one. Every other session of theirs ends (whoever else held the
/// old password may have signed in with it); the one that asked goes on.
/// </summary>
public static class PasswordChange
{
    public static async Task<IResult> ChangeAsync(ChangePasswordRequest request, ClaimsPrincipal user, HttpContext http, IDocumentStore store,
        PasswordHasher<AgentAccount> hasher, IMessageBus bus, AccessCheck access, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword)) return Problems.Invalid("The currentPassword is required.");
        if (request.NewPassword is not { Length: >= CatalogRules.MinPasswordLength })
            return Problems.Invalid($"The newPassword has at least {CatalogRules.MinPasswordLength} characters.");
        if (request.NewPassword == request.CurrentPassword) return Problems.Invalid("The newPassword must differ from the current one.");

        var client = ClientInfo.Of(http);
        var current = user.SessionId();
        var ended = new List<AccessRevoked>();
        var answer = await ConcurrencyRetry.RunAsync(async () =>
        {
            ended.Clear();
            await using var session = store.LightweightSession();
            if (await OwnAccount.AccountOfAsync(session, user, ct) is not { } account) return OwnAccount.GoneAccount;
            if (hasher.VerifyHashedPassword(account, account.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
                return Problems.Forbidden("The current password is wrong.");

            var now = clock.GetUtcNow();
            session.Store(account with { PasswordHash = hasher.HashPassword(account, request.NewPassword) });
            foreach (var family in await SessionFamilies.LiveOfAsync(session, account.Id, now, ct))
                if (family.Id != current)
                    ended.Add(SessionFamilies.Revoke(session, family, RevocationReasons.PasswordChanged, account.Id, client, now));
            // Neither password nor hash is logged: only that it changed, from which session, and how many others ended.
            session.RecordAdminChange(account.WorkspaceId, account.Id, client.Ip, now, AdminActions.PasswordChanged, account.Id.ToString(),
                after: new { session = current, otherSessionsEnded = ended.Count, userAgent = client.UserAgent });
            await session.SaveChangesAsync(ct);
            return Results.NoContent();
        }, ct);
        await bus.AnnounceAsync(access, ended);
        return answer;
    }
}
