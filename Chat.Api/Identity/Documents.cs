namespace Chat.Api.Identity;

/// <summary>A tenant: everything else is stored under its id. The widget key is public by design.</summary>
public sealed record Workspace(string Id, string Name, string WidgetKey, DateTimeOffset CreatedAt)
{
    /// <summary>The sites (scheme://host[:port], normalized) whose pages may embed the widget; none until an admin sets them.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    /// <summary>The IANA time zone the reports count days and hours in.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Every member of staff needs a second factor: until they enrol, their tokens reach only their own account.</summary>
    public bool RequireTwoFactor { get; init; }

    /// <summary>Threads may carry tags outside the tag catalogue; off: only catalogue tags.</summary>
    public bool FreeTags { get; init; } = true;
}

/// <summary>
/// A staff member's login, in one workspace. An email is unique within its workspace; the same person may hold
/// accounts in several workspaces, each with its own password.
/// </summary>
public sealed record AgentAccount(Guid Id, string WorkspaceId, string Email, string DisplayName, string Role,
    string PasswordHash, DateTimeOffset CreatedAt, bool Disabled = false)
{
    /// <summary>
    /// Changes whenever what the account may do changes (disabled, deleted, restored, a new role); every access token
    /// carries the stamp it was issued under and is refused once it differs. Empty until the first such change, which
    /// tokens without the claim match.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    /// <summary>The account with a new stamp: every access token issued before stops working.</summary>
    public AgentAccount Restamped() => this with { SecurityStamp = Guid.NewGuid().ToString("N") };
}

/// <summary>
/// A refresh token, stored by the hash of its value only. Each use replaces it with a new one of the same family.
/// Tokens issued before families existed have none; their first refresh starts one.
/// </summary>
public sealed record RefreshToken(string Id, Guid AgentId, string WorkspaceId, DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt, Guid? FamilyId = null);

/// <summary>
/// A session: the chain of refresh tokens that one login started (RFC 9700 section 4.14). Only its newest token
/// (<see cref="CurrentTokenId"/>) renews it; revoking it stops every token of the chain. Versioned, so a rotation,
/// a revocation and a reuse that race are applied one at a time.
/// </summary>
public sealed record SessionFamily(Guid Id, Guid AgentId, string WorkspaceId, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt,
    DateTimeOffset ExpiresAt, string? Ip, string? UserAgent, string CurrentTokenId)
{
    /// <summary>The token that the current one replaced, and when: a repeat of it a moment later is a race, not a theft.</summary>
    public string? PreviousTokenId { get; init; }
    public DateTimeOffset? RotatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedReason { get; init; }

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>Why a session family ended: its <see cref="SessionFamily.RevokedReason"/>, also in the admin log's entry.</summary>
public static class RevocationReasons
{
    /// <summary>A refresh token of the family was presented after it had been used: someone else may hold it.</summary>
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string SignedOut = "signed_out";
    /// <summary>The agent changed their password in another session.</summary>
    public const string PasswordChanged = "password_changed";
    /// <summary>The agent revoked it from their sessions list.</summary>
    public const string RevokedByAgent = "revoked_by_agent";
    /// <summary>The agent turned on their second factor in another session: sessions opened by the password alone end.</summary>
    public const string TwoFactorEnabled = "two_factor_enabled";
}
