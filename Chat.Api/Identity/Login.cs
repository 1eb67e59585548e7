using Chat.Api.AdminLog;
using Chat.Api.Identity.TwoFactor;
using Chat.Api.Infrastructure;
using Chat.Domain;
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

/// <summary>
/// The signed-in agent and their tokens; the refresh token is null when it went into the cookie.
/// <see cref="TwoFactorEnrolmentRequired"/>: the workspace requires a second factor this agent has not enrolled, and the
/// access token reaches only their own account until they do.
/// </summary>
public sealed record TokenPair(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string Role, string WorkspaceId,
    Guid AgentId, string Email, string DisplayName, bool TwoFactorEnrolmentRequired = false);

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
        var throttleKey = SignInThrottle.KeyOf(email);
        var failures = await session.LoadAsync<SignInFailures>(throttleKey, ct);
        if (SignInThrottle.LockedFor(failures, clock.GetUtcNow()) is { } wait) return SignInThrottle.Locked(http, wait);
        var candidates = await query.OrderBy(a => a.WorkspaceId).ToListAsync(ct);

        var opened = Verify(candidates, request.Password, workspaceId is null ? ChecksWithoutWorkspace : 1, hasher);
        if (opened.Count == 0)
        {
            session.Store(SignInThrottle.Failed(failures, throttleKey, options.Value.RateLimits.SignInFailuresBeforeLockout, clock.GetUtcNow()));
            foreach (var account in candidates)
                session.RecordAdminChange(account.WorkspaceId, null, http, AdminActions.SignInFailed, account.Id.ToString());
            await session.SaveChangesAsync(ct);
            return Problems.Unauthorized("Unknown email or wrong password.");
        }
        // Only someone who knows the password of each of these accounts learns of them.
        if (opened is not [var agent])
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Workspace required",
                detail: "This email and password open accounts in several workspaces; name one as workspaceId.",
                extensions: new Dictionary<string, object?> { ["workspaces"] = opened.Select(a => a.WorkspaceId).ToList() });

        var twoFactor = await session.LoadAsync<TwoFactorState>(agent.Id, ct);
        if (TwoFactorState.IsOn(twoFactor))
        {
            // The password alone clears no failures: the second step does, so codes are guessed under the same lockout.
            var ticket = SecondStep.Start(session, agent, clock.GetUtcNow(), options);
            await session.SaveChangesAsync(ct);
            return Results.Ok(ticket);
        }
        if (failures is not null) session.Delete<SignInFailures>(throttleKey);
        session.RecordAdminChange(agent.WorkspaceId, agent.Id, http, AdminActions.SignedIn, agent.Id.ToString());
        var mustEnrol = await EnrolmentGate.MustEnrolAsync(session, agent, twoFactor, ct);
        return Answer(http, await IssueAsync(session, agent, mustEnrol, http, tokens, clock, options, ct), request.Session == SessionMode.Cookie,
            options);
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

    /// <summary>A refused cookie is cleared, so the browser stops sending a token that can never work.</summary>
    internal static IResult Refuse(HttpContext http, bool inCookie, IResult problem)
    {
        if (inCookie) RefreshCookie.Clear(http);
        return problem;
    }

    internal static IResult Answer(HttpContext http, TokenPair pair, bool inCookie, IOptions<ChatOptions> options)
    {
        if (!inCookie) return Results.Ok(pair);
        RefreshCookie.Set(http, pair.RefreshToken!, TimeSpan.FromDays(options.Value.Auth.RefreshTokenDays));
        return Results.Ok(pair with { RefreshToken = null });
    }

    /// <summary>A sign-in starts a session family; its access tokens name it, so the account's pages can tell the current session.</summary>
    internal static async Task<TokenPair> IssueAsync(IDocumentSession session, AgentAccount agent, bool mustEnrol, HttpContext http,
        TokenIssuer tokens, TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var (family, refresh) = SessionFamilies.Start(session, agent, ClientInfo.Of(http), clock.GetUtcNow(),
            TimeSpan.FromDays(options.Value.Auth.RefreshTokenDays));
        await session.SaveChangesAsync(ct);
        return Pair(agent, family, refresh, mustEnrol, tokens);
    }

    internal static TokenPair Pair(AgentAccount agent, SessionFamily family, string refreshToken, bool mustEnrol, TokenIssuer tokens)
    {
        var (access, expiresAt) = tokens.ForAgent(agent, family.Id, mustEnrol: mustEnrol);
        return new TokenPair(access, expiresAt, refreshToken, agent.Role, agent.WorkspaceId, agent.Id, agent.Email, agent.DisplayName, mustEnrol);
    }
}
