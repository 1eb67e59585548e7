using Chat.Api.Infrastructure;
using Chat.Domain;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity;

/// <summary>
/// Where the refresh token travels: in the JSON answer (API clients, the default), or in the HttpOnly
/// <see cref="RefreshCookie"/> only (the dashboard), so no script of the page ever holds it.
/// </summary>
public enum SessionMode
{
    Json,
    Cookie,
}

/// <summary>The workspace is optional: without it, the one account of that email whose password matches signs in.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? WorkspaceId = null, SessionMode? Session = null);

/// <summary>Without a refreshToken, the one in the cookie is used, and the new one goes back into the cookie.</summary>
public sealed record RefreshRequest(string? RefreshToken = null, SessionMode? Session = null);

/// <summary>The signed-in agent and their tokens; the refresh token is null when it went into the cookie.</summary>
public sealed record TokenPair(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string Role, string WorkspaceId,
    Guid AgentId, string Email, string DisplayName);

public static class Login
{
    private static readonly AgentAccount TimingDecoy = new(Guid.Empty, "", "", "", "", "", DateTimeOffset.MinValue);
    private static readonly string TimingDecoyHash = new PasswordHasher<AgentAccount>().HashPassword(TimingDecoy, Guid.NewGuid().ToString());

    /// <summary>
    /// A login without a workspace checks the password at least this often, against the address's accounts and then
    /// decoys, so its duration does not tell whether an address held in one workspace is also held in another.
    /// </summary>
    public const int ChecksWithoutWorkspace = 2;

    public static async Task<IResult> LogInAsync(LoginRequest request, HttpContext http, IDocumentStore store,
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
            [var agent] => Answer(http, await IssueAsync(session, agent, tokens, clock, options, ct),
                request.Session == SessionMode.Cookie, options),
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

    /// <summary>
    /// Each refresh token works once: using it replaces it with a new pair. A token taken from the cookie is answered
    /// in the cookie again, so a script of the page can renew its access token but never read a refresh token.
    /// </summary>
    public static async Task<IResult> RefreshAsync(RefreshRequest request, HttpContext http, IDocumentStore store, TokenIssuer tokens,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var fromCookie = Text.IsBlank(request.RefreshToken);
        var presented = fromCookie ? RefreshCookie.Read(http.Request) : request.RefreshToken;
        var inCookie = fromCookie || request.Session == SessionMode.Cookie;
        if (presented is null)
            return request.Session == SessionMode.Cookie
                ? Problems.Unauthorized($"There is no {RefreshCookie.Name} cookie: sign in.")
                : Problems.Invalid($"A refreshToken is required, in the body or the {RefreshCookie.Name} cookie.");

        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<RefreshToken>(TokenIssuer.HashOf(presented), ct);
        var now = clock.GetUtcNow();
        if (stored is null || stored.UsedAt is not null || stored.ExpiresAt <= now) return Refuse(http, inCookie, UnusableRefreshToken);

        var agent = await session.LoadAsync<AgentAccount>(stored.AgentId, ct);
        if (agent is null || agent.Disabled)
            return Refuse(http, inCookie, Problems.Unauthorized("The account no longer exists or is disabled."));

        // Refresh tokens are stored with optimistic concurrency: of two uses at once, the one that saves second fails.
        session.Store(stored with { UsedAt = now });
        try
        {
            return Answer(http, await IssueAsync(session, agent, tokens, clock, options, ct), inCookie, options);
        }
        catch (ConcurrencyException)
        {
            return Refuse(http, inCookie, UnusableRefreshToken);
        }
    }

    private static IResult UnusableRefreshToken => Problems.Unauthorized("The refresh token is unknown, used or expired.");

    /// <summary>A refused cookie is cleared, so the browser stops sending a token that can never work.</summary>
    private static IResult Refuse(HttpContext http, bool inCookie, IResult problem)
    {
        if (inCookie) RefreshCookie.Clear(http);
        return problem;
    }

    private static IResult Answer(HttpContext http, TokenPair pair, bool inCookie, IOptions<ChatOptions> options)
    {
        if (!inCookie) return Results.Ok(pair);
        RefreshCookie.Set(http, pair.RefreshToken!, TimeSpan.FromDays(options.Value.Auth.RefreshTokenDays));
        return Results.Ok(pair with { RefreshToken = null });
    }

    private static async Task<TokenPair> IssueAsync(IDocumentSession session, AgentAccount agent, TokenIssuer tokens,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var (access, expiresAt) = tokens.ForAgent(agent);
        var (refresh, hash) = TokenIssuer.NewRefreshToken();
        session.Insert(new RefreshToken(hash, agent.Id, agent.WorkspaceId,
            clock.GetUtcNow().AddDays(options.Value.Auth.RefreshTokenDays), null));
        await session.SaveChangesAsync(ct);
        return new TokenPair(access, expiresAt, refresh, agent.Role, agent.WorkspaceId, agent.Id, agent.Email, agent.DisplayName);
    }
}
