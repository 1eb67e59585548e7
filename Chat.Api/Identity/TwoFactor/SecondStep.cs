using Chat.Api.AdminLog;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity.TwoFactor;

/// <summary>The first step's answer for an account with a second factor: no tokens yet, only the ticket for the second step.</summary>
public sealed record SecondStepRequired(string MfaToken, DateTimeOffset ExpiresAt)
{
    public bool MfaRequired => true;
}

public sealed record SecondStepRequest(string? MfaToken, string? Code = null, string? RecoveryCode = null, SessionMode? Session = null);

/// <summary>
/// A password accepted for an account with a second factor, waiting for its code: stored by the hash of its token, bound to
/// the account, short-lived (<c>Chat:Auth:SecondStepMinutes</c>) and spent by the first right code. A few wrong codes spend it
/// too, so each new series of guesses needs the password again. Versioned, so two second steps at once succeed once.
/// </summary>
public sealed record SecondStepTicket(string Id, Guid AgentId, string WorkspaceId, DateTimeOffset ExpiresAt, int WrongCodes = 0);

public static class SecondStep
{
    public const int WrongCodesPerTicket = 5;

    /// <summary>Stages a ticket for the account whose password was right; the caller saves.</summary>
    public static SecondStepRequired Start(IDocumentSession session, AgentAccount agent, DateTimeOffset now, IOptions<ChatOptions> options)
    {
        var (token, hash) = TokenIssuer.NewRefreshToken();
        var ticket = new SecondStepTicket(hash, agent.Id, agent.WorkspaceId, now.AddMinutes(options.Value.Auth.SecondStepMinutes));
        session.Insert(ticket);
        return new SecondStepRequired(token, ticket.ExpiresAt);
    }

    public static async Task<IResult> CompleteAsync(SecondStepRequest request, HttpContext http, IDocumentStore store, Proof check,
        TokenIssuer tokens, TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        if (Text.IsBlank(request.MfaToken)) return Problems.Invalid("The mfaToken of the sign-in's first step is required.");
        var proof = new CodeProof(request.Code, request.RecoveryCode);
        if (Proof.Missing(proof) is { } missing) return missing;

        return await ConcurrencyRetry.RunAsync(async () =>
        {
            await using var session = store.LightweightSession();
            var now = clock.GetUtcNow();
            var ticket = await session.LoadAsync<SecondStepTicket>(TokenIssuer.HashOf(request.MfaToken), ct);
            if (ticket is null || ticket.ExpiresAt <= now) return Unusable;
            var agent = await session.LoadAsync<AgentAccount>(ticket.AgentId, ct);
            var state = await session.LoadAsync<TwoFactorState>(ticket.AgentId, ct);
            if (agent is null || agent.Disabled || !TwoFactorState.IsOn(state)) return Unusable;

            var (spent, refusal) = await check.CheckAsync(session, http, agent, state!, proof, pending: false, null,
                StatusCodes.Status401Unauthorized, ct);
            if (refusal is not null)
            {
                if (ticket.WrongCodes + 1 >= WrongCodesPerTicket) session.Delete(ticket);
                else session.Store(ticket with { WrongCodes = ticket.WrongCodes + 1 });
                await session.SaveChangesAsync(ct);
                return refusal;
            }

            session.Delete(ticket);
            session.Store(spent!);
            session.RecordAdminChange(agent.WorkspaceId, agent.Id, http, AdminActions.SignedIn, agent.Id.ToString(),
                after: new { secondFactor = Text.IsBlank(proof.Code) ? "recovery code" : "code" });
            return Login.Answer(http, await Login.IssueAsync(session, agent, mustEnrol: false, http, tokens, clock, options, ct),
                request.Session == SessionMode.Cookie, options);
        }, ct);
    }

    private static IResult Unusable => Problems.Unauthorized("This sign-in is unknown, used or expired: sign in again with your password.");
}
