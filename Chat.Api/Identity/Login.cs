using Chat.Api.Infrastructure;
using Chat.Domain;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenPair(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, string Role, string WorkspaceId);

public static class Login
{
    private static readonly AgentAccount TimingDecoy = new(Guid.Empty, "", "", "", "", "", DateTimeOffset.MinValue);
    private static readonly string TimingDecoyHash = new PasswordHasher<AgentAccount>().HashPassword(TimingDecoy, Guid.NewGuid().ToString());

    public static async Task<IResult> LogInAsync(LoginRequest request, IDocumentStore store,
        PasswordHasher<AgentAccount> hasher, TokenIssuer tokens, TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        if (Text.IsBlank(request.Email) || string.IsNullOrEmpty(request.Password))
            return Problems.Invalid("Email and password are required.");

        await using var session = store.LightweightSession();
        var email = request.Email.Trim().ToLowerInvariant();
        var agent = await session.Query<AgentAccount>().FirstOrDefaultAsync(a => a.Email == email, ct);
        // An unknown email costs the same hashing as a wrong password, so timing does not tell which emails exist.
        var verified = hasher.VerifyHashedPassword(agent ?? TimingDecoy, agent?.PasswordHash ?? TimingDecoyHash, request.Password);
        if (agent is null || agent.Disabled || verified == PasswordVerificationResult.Failed)
            return Problems.Unauthorized("Unknown email or wrong password.");

        return Results.Ok(await IssueAsync(session, agent, tokens, clock, options, ct));
    }

    /// <summary>Each refresh token works once: using it replaces it with a new pair.</summary>
    public static async Task<IResult> RefreshAsync(RefreshRequest request, IDocumentStore store, TokenIssuer tokens,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        if (Text.IsBlank(request.RefreshToken)) return Problems.Invalid("A refreshToken is required.");

        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<RefreshToken>(TokenIssuer.HashOf(request.RefreshToken), ct);
        var now = clock.GetUtcNow();
        if (stored is null || stored.UsedAt is not null || stored.ExpiresAt <= now)
            return Problems.Unauthorized("The refresh token is unknown, used or expired.");

        var agent = await session.LoadAsync<AgentAccount>(stored.AgentId, ct);
        if (agent is null || agent.Disabled) return Problems.Unauthorized("The account no longer exists or is disabled.");

        session.Store(stored with { UsedAt = now });
        return Results.Ok(await IssueAsync(session, agent, tokens, clock, options, ct));
    }

    private static async Task<TokenPair> IssueAsync(IDocumentSession session, AgentAccount agent, TokenIssuer tokens,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var (access, expiresAt) = tokens.ForAgent(agent);
        var (refresh, hash) = TokenIssuer.NewRefreshToken();
        session.Store(new RefreshToken(hash, agent.Id, agent.WorkspaceId,
            clock.GetUtcNow().AddDays(options.Value.Auth.RefreshTokenDays), null));
        await session.SaveChangesAsync(ct);
        return new TokenPair(access, expiresAt, refresh, agent.Role, agent.WorkspaceId);
    }
}
