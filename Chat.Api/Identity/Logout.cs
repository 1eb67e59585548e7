using Chat.Api.Infrastructure;
using Chat.Domain;
using Marten;
using Wolverine;

namespace Chat.Api.Identity;

/// <summary>Without a refreshToken, the one in the cookie is used.</summary>
public sealed record LogoutRequest(string? RefreshToken = null);

public static class Logout
{
    /// <summary>Far longer than the 43 characters of an issued refresh token: longer is not a token but bad input.</summary>
    public const int MaxRefreshTokenLength = 200;

    /// <summary>
    /// Ends the session of the refresh token (its whole family, whichever of its tokens is presented) and clears the
    /// cookie. 204 whether the token was live, spent, unknown or missing: signing out twice leaves the same state, and
    /// the answer tells nobody which tokens exist.
    /// </summary>
    public static async Task<IResult> LogOutAsync(LogoutRequest request, HttpContext http, IDocumentStore store,
        IMessageBus bus, AccessCheck access, TimeProvider clock, CancellationToken ct)
    {
        if (request.RefreshToken is { Length: > MaxRefreshTokenLength })
            return Problems.Invalid("The refreshToken is not one this service issues.");
        var presented = Text.IsBlank(request.RefreshToken) ? RefreshCookie.Read(http.Request) : request.RefreshToken;
        RefreshCookie.Clear(http);
        if (presented is null) return Results.NoContent();

        var client = ClientInfo.Of(http);
        AccessRevoked? ended = null;
        var answer = await ConcurrencyRetry.RunAsync(async () =>
        {
            ended = null;
            await using var session = store.LightweightSession();
            var stored = await session.LoadAsync<RefreshToken>(TokenIssuer.HashOf(presented), ct);
            if (stored is null) return Results.NoContent();
            var now = clock.GetUtcNow();
            if (stored.FamilyId is { } familyId)
            {
                if (await session.LoadAsync<SessionFamily>(familyId, ct) is { } family && family.IsLive(now))
                    ended = SessionFamilies.Revoke(session, family, RevocationReasons.SignedOut, family.AgentId, client, now);
            }
            else if (stored.UsedAt is null)
            {
                // A token from before families: spending it is all there is to end.
                session.Store(stored with { UsedAt = now });
            }
            await session.SaveChangesAsync(ct);
            return Results.NoContent();
        }, ct);
        if (ended is not null) await bus.AnnounceAsync(access, [ended]);
        return answer;
    }
}
