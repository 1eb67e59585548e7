using Chat.Api.AdminLog;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity.TwoFactor;

/// <summary>What proves the second factor: a code from the authenticator app, or one of the recovery codes.</summary>
public sealed record CodeProof(string? Code = null, string? RecoveryCode = null);

/// <summary>
/// Checks a proof against an account's second factor. Wrong codes count against the same growing lockout as wrong
/// passwords (per email, <see cref="SignInThrottle"/>), so neither a stolen password nor a stolen access token gives
/// unlimited guesses; each is written to the admin log. The caller saves the session either way.
/// </summary>
public sealed class Proof(SecretProtector protector, TimeProvider clock, IOptions<ChatOptions> options)
{
    public static IResult? Missing(CodeProof proof) => Text.IsBlank(proof.Code) && Text.IsBlank(proof.RecoveryCode)
        ? Problems.Invalid("A code (from the authenticator app) or a recoveryCode is required.")
        : null;

    /// <summary>
    /// The state with the code spent, or the refusal (with the failure staged): <paramref name="wrongStatus"/> for a wrong
    /// or replayed code, 429 while the email is locked. <paramref name="pending"/> checks the enrolment being confirmed.
    /// </summary>
    public async Task<(TwoFactorState? Spent, IResult? Refusal)> CheckAsync(IDocumentSession session, HttpContext http, AgentAccount account,
        TwoFactorState state, CodeProof proof, bool pending, Guid? actorId, int wrongStatus, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = SignInThrottle.KeyOf(account.Email);
        var failures = await session.LoadAsync<SignInFailures>(key, ct);
        if (SignInThrottle.LockedFor(failures, now) is { } wait) return (null, SignInThrottle.Locked(http, wait));

        var protectedSecret = pending ? state.PendingSecret : state.Secret;
        var secret = protectedSecret is null ? null : protector.Unprotect(account.Id, protectedSecret);
        var (verdict, spent) = (proof.Code, proof.RecoveryCode) switch
        {
            ({ } code, _) when !Text.IsBlank(code) && secret is not null => Codes.CheckCode(state, secret, code, now),
            (_, { } recovery) when !Text.IsBlank(recovery) && !pending => Codes.CheckRecoveryCode(state, recovery),
            _ => (CodeVerdict.Wrong, state),
        };
        if (verdict == CodeVerdict.Accepted)
        {
            if (failures is not null) session.Delete<SignInFailures>(key);
            return (spent, null);
        }

        session.Store(SignInThrottle.Failed(failures, key, options.Value.RateLimits.SignInFailuresBeforeLockout, now));
        session.RecordAdminChange(account.WorkspaceId, actorId, http, AdminActions.TwoFactorFailed, account.Id.ToString(),
            after: new { reason = verdict == CodeVerdict.Replayed ? "code already used" : Text.IsBlank(proof.Code) ? "wrong recovery code" : "wrong code" });
        return (null, Problems.Of(wrongStatus, wrongStatus == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden",
            verdict == CodeVerdict.Replayed ? "This code was used already; wait for the next one." : "The code is wrong."));
    }
}
