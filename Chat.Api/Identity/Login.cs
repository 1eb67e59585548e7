using Chat.Api.Infrastructure;
using Chat.Domain;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity;

/// <summary>The workspace is optional: without it, the one account of that email whose password matches signs in.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? WorkspaceId = null);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenPair(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, string Role, string WorkspaceId);

public static class Login
{
    private static readonly AgentAccount TimingDecoy = new(Guid.Empty, "", "", "", "", "", DateTimeOffset.MinValue);
    private static readonly string TimingDecoyHash = new PasswordHasher<AgentAccount>().HashPassword(TimingDecoy, Guid.NewGuid().ToString());

    /// <summary>
    /// A login without a workspace checks the password at least this often, against the address's accounts and then
    /// decoys, so its duration does not tell whether an address held in one workspace is also held in another.
    /// </summary>
    public const int ChecksWithoutWorkspace = 2;

    public static async Task<IResult> LogInAsync(LoginRequest request, IDocumentStore store,
        PasswordHasher<AgentAccount> hasher, TokenIssuer tokens, TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        if (Text.IsBlank(request.Email) || string.IsNullOrEmpty(request.Password))
            return Problems.Invalid("Email and password are required.");

        await using var session = store.LightweightSession();
        var email = request.Email.Trim().ToLowerInvariant();
        var workspaceId = string.IsNullOrWhiteSpace(request.WorkspaceId) ? null : request.WorkspaceId.Trim();
        var query = session.Query<AgentAccount>().Where(a => a.Email == email);
        if (workspaceId is not null) query = query.Where(a => a.WorkspaceId == workspaceId);
        var candidates = await query.OrderBy(a => a.WorkspaceId).ToListAsync(ct);

        var opened = Verify(candidates, request.Password, workspaceId is null ? ChecksWithoutWorkspace : 1, hasher);
        return opened switch
        {
            [] => Problems.Unauthorized("Unknown email or wrong password."),
            [var agent] => Results.Ok(await IssueAsync(session, agent, tokens, clock, options, ct)),
            // Only someone who knows the password of each of these accounts learns of them.
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Workspace required",
                detail: "This email and password open accounts in several workspaces; name one as workspaceId.",
                extensions: new Dictionary<string, object?> { ["workspaces"] = opened.Select(a => a.WorkspaceId).ToList() }),
        };
    }

    /// <summary>
    /// The enabled accounts the password opens. An unknown email costs the same hashing as a wrong password
    /// (decoys make up the checks), so timing does not tell which emails exist.
    /// </summary>
    private static List<AgentAccount> Verify(IReadOnlyList<AgentAccount> candidates, string password, int minimumChecks,
        PasswordHasher<AgentAccount> hasher)
    {
        var opened = new List<AgentAccount>();
        foreach (var account in candidates)
            if (hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed && !account.Disabled)
                opened.Add(account);
        for (var decoys = minimumChecks - candidates.Count; decoys > 0; decoys--)
            hasher.VerifyHashedPassword(TimingDecoy, TimingDecoyHash, password);
        return opened;
    }

    /// <summary>Each refresh token works once: using it replaces it with a new pair.</summary>
    public static async Task<IResult> RefreshAsync(RefreshRequest request, IDocumentStore store, TokenIssuer tokens,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        if (Text.IsBlank(request.RefreshToken)) return Problems.Invalid("A refreshToken is required.");

        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<RefreshToken>(TokenIssuer.HashOf(request.RefreshToken), ct);
        var now = clock.GetUtcNow();
        if (stored is null || stored.UsedAt is not null || stored.ExpiresAt <= now) return UnusableRefreshToken;

        var agent = await session.LoadAsync<AgentAccount>(stored.AgentId, ct);
        if (agent is null || agent.Disabled) return Problems.Unauthorized("The account no longer exists or is disabled.");

        // Refresh tokens are stored with optimistic concurrency: of two uses at once, the one that saves second fails.
        session.Store(stored with { UsedAt = now });
        try
        {
            return Results.Ok(await IssueAsync(session, agent, tokens, clock, options, ct));
        }
        catch (ConcurrencyException)
        {
            return UnusableRefreshToken;
        }
    }

    private static IResult UnusableRefreshToken => Problems.Unauthorized("The refresh token is unknown, used or expired.");

    private static async Task<TokenPair> IssueAsync(IDocumentSession session, AgentAccount agent, TokenIssuer tokens,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var (access, expiresAt) = tokens.ForAgent(agent);
        var (refresh, hash) = TokenIssuer.NewRefreshToken();
        session.Insert(new RefreshToken(hash, agent.Id, agent.WorkspaceId,
            clock.GetUtcNow().AddDays(options.Value.Auth.RefreshTokenDays), null));
        await session.SaveChangesAsync(ct);
        return new TokenPair(access, expiresAt, refresh, agent.Role, agent.WorkspaceId);
    }
}
