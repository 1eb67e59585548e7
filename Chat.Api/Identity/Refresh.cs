using Chat.Api.Infrastructure;
using Chat.Domain;
using Marten;
using Wolverine;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity;

/// <summary>Without a refreshToken, the one in the cookie is used, and the new one goes back into the cookie.</summary>
public sealed record RefreshRequest(string? RefreshToken = null, SessionMode? Session = null);

public static class Refresh
{
    /// <summary>
    /// Renews the session with its newest refresh token, which is spent for a new one (RFC 9700 section 4.14). A token
    /// taken from the cookie is answered in the cookie again, so a script of the page can renew its access token but
    /// never read a refresh token. A replayed token ends its whole family. Of two renewals at once, the one that saves
    /// second fails on the family's version and runs again on fresh state, where it finds it lost the race.
    /// </summary>
    public static async Task<IResult> RefreshAsync(RefreshRequest request, HttpContext http, IDocumentStore store, TokenIssuer tokens,
        IMessageBus bus, AccessCheck access, TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var fromCookie = Text.IsBlank(request.RefreshToken);
        var presented = fromCookie ? RefreshCookie.Read(http.Request) : request.RefreshToken;
        var inCookie = fromCookie || request.Session == SessionMode.Cookie;
        if (presented is null)
            return request.Session == SessionMode.Cookie
                ? Problems.Unauthorized($"There is no {RefreshCookie.Name} cookie: sign in.")
                : Problems.Invalid($"A refreshToken is required, in the body or the {RefreshCookie.Name} cookie.");

        var auth = options.Value.Auth;
        var lifetime = TimeSpan.FromDays(auth.RefreshTokenDays);
        var client = ClientInfo.Of(http);
        AccessRevoked? ended = null;
        var answer = await ConcurrencyRetry.RunAsync(async () =>
        {
            ended = null;
            await using var session = store.LightweightSession();
            var stored = await session.LoadAsync<RefreshToken>(TokenIssuer.HashOf(presented), ct);
            if (stored is null) return Login.Refuse(http, inCookie, UnusableRefreshToken);
            var family = stored.FamilyId is { } familyId ? await session.LoadAsync<SessionFamily>(familyId, ct) : null;
            var now = clock.GetUtcNow();

            switch (SessionFamilies.Judge(stored, family, now, TimeSpan.FromSeconds(auth.RefreshGraceSeconds)))
            {
                case RefreshVerdict.Unusable:
                    return Login.Refuse(http, inCookie, UnusableRefreshToken);
                case RefreshVerdict.RaceLost:
                    // The cookie stays: the browser already holds the winner's, which a retry sends.
                    return Problems.Of(StatusCodes.Status409Conflict, "Renewed concurrently",
                        "This refresh token was renewed a moment ago by another request; renew with the newest one.");
                case RefreshVerdict.Reused:
                    ended = SessionFamilies.Revoke(session, family!, RevocationReasons.RefreshTokenReused, null, client, now);
                    await session.SaveChangesAsync(ct);
                    return Login.Refuse(http, inCookie, Problems.Unauthorized(
                        "This refresh token was used before, so its session has been ended everywhere: sign in again."));
            }

            var agent = await session.LoadAsync<AgentAccount>(stored.AgentId, ct);
            if (agent is null || agent.Disabled)
                return Login.Refuse(http, inCookie, Problems.Unauthorized("The account no longer exists or is disabled."));

            var (renewed, refreshToken) = family is null
                ? SessionFamilies.Start(session, agent, client, now, lifetime)
                : SessionFamilies.Rotate(session, family, stored, client, now, lifetime);
            if (family is null) session.Store(stored with { UsedAt = now });
            await session.SaveChangesAsync(ct);
            var mustEnrol = await TwoFactor.EnrolmentGate.MustEnrolAsync(session, agent, ct);
            return Login.Answer(http, Login.Pair(agent, renewed, refreshToken, mustEnrol, tokens), inCookie, options);
        }, ct);
        // A replay ends the family everywhere: the thief's access tokens and sockets as much as the victim's.
        if (ended is not null) await bus.AnnounceAsync(access, [ended]);
        return answer;
    }

    private static IResult UnusableRefreshToken => Problems.Unauthorized("The refresh token is unknown, used or expired.");
}
