using Chat.Api.Infrastructure;
using Chat.Domain;
using JasperFx;
using Marten;

namespace Chat.Api.Identity;

/// <summary>Without a refreshToken, the one in the cookie is spent.</summary>
public sealed record LogoutRequest(string? RefreshToken = null);

public static class Logout
{
    /// <summary>Far longer than the 43 characters of an issued refresh token: longer is not a token but bad input.</summary>
    public const int MaxRefreshTokenLength = 200;

    /// <summary>
    /// Spends the refresh token and clears the cookie. 204 whether the token was live, spent, unknown or missing:
    /// signing out twice leaves the same state, and the answer tells nobody which tokens exist.
    /// </summary>
    public static async Task<IResult> LogOutAsync(LogoutRequest request, HttpContext http, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.RefreshToken is { Length: > MaxRefreshTokenLength })
            return Problems.Invalid("The refreshToken is not one this service issues.");
        var presented = Text.IsBlank(request.RefreshToken) ? RefreshCookie.Read(http.Request) : request.RefreshToken;
        RefreshCookie.Clear(http);
        if (presented is null) return Results.NoContent();

        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<RefreshToken>(TokenIssuer.HashOf(presented), ct);
        if (stored is null || stored.UsedAt is not null) return Results.NoContent();
        session.Store(stored with { UsedAt = clock.GetUtcNow() });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            // A refresh or another logout spent it at the same moment.
        }
        return Results.NoContent();
    }
}
