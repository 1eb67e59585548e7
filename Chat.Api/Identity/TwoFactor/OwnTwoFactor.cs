using System.Security.Claims;
using Chat.Api.AdminLog;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Identity.TwoFactor;

/// <summary>
/// With the second factor on, an agent makes new recovery codes (the old ones stop working) or turns it off; each needs
/// a code or a recovery code, so a stolen access token alone changes nothing. Turning it off in a workspace that requires
/// it leaves the agent to enrol again before anything else (see <see cref="EnrolmentGate"/>), e.g. with a new phone.
/// </summary>
public static class OwnTwoFactor
{
    public static Task<IResult> RegenerateAsync(CodeProof proof, ClaimsPrincipal user, HttpContext http, IDocumentStore store, Proof check,
        CancellationToken ct) =>
        ChangeAsync(proof, user, http, store, check, AdminActions.RecoveryCodesRegenerated, state =>
        {
            var (codes, hashes) = Codes.NewRecoveryCodes(state.Id);
            return (state with { RecoveryCodeHashes = hashes }, Results.Ok(new RecoveryCodes(codes)));
        }, ct);

    public static Task<IResult> DisableAsync(CodeProof proof, ClaimsPrincipal user, HttpContext http, IDocumentStore store, Proof check,
        CancellationToken ct) =>
        ChangeAsync(proof, user, http, store, check, AdminActions.TwoFactorDisabled, state =>
            (state with { Secret = null, PendingSecret = null, EnabledAt = null, RecoveryCodeHashes = [] }, Results.NoContent()), ct);

    private static async Task<IResult> ChangeAsync(CodeProof proof, ClaimsPrincipal user, HttpContext http, IDocumentStore store, Proof check,
        string action, Func<TwoFactorState, (TwoFactorState, IResult)> change, CancellationToken ct)
    {
        if (Proof.Missing(proof) is { } missing) return missing;
        return await ConcurrencyRetry.RunAsync(async () =>
        {
            await using var session = store.LightweightSession();
            if (await OwnAccount.AccountOfAsync(session, user, ct) is not { } account) return OwnAccount.GoneAccount;
            if (await session.LoadAsync<TwoFactorState>(account.Id, ct) is not { } state || !TwoFactorState.IsOn(state))
                return Problems.Of(StatusCodes.Status409Conflict, "Conflict", "Two-factor sign-in is off for this account.");

            var (spent, refusal) = await check.CheckAsync(session, http, account, state, proof, pending: false, account.Id,
                StatusCodes.Status403Forbidden, ct);
            if (refusal is not null)
            {
                await session.SaveChangesAsync(ct);
                return refusal;
            }
            var (changed, answer) = change(spent!);
            session.Store(changed);
            session.RecordAdminChange(http, action, account.Id.ToString(),
                new { enabled = true, recoveryCodesLeft = state.RecoveryCodeHashes.Count },
                new { enabled = TwoFactorState.IsOn(changed), recoveryCodesLeft = changed.RecoveryCodeHashes.Count });
            await session.SaveChangesAsync(ct);
            return answer;
        }, ct);
    }
}
