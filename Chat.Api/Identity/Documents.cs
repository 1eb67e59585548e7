namespace Chat.Api.Identity;

/// <summary>A tenant: everything else is stored under its id. The widget key is public by design.</summary>
public sealed record Workspace(string Id, string Name, string WidgetKey, DateTimeOffset CreatedAt)
{
    /// <summary>The sites (scheme://host[:port], normalized) whose pages may embed the widget; none until an admin sets them.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
}

/// <summary>
/// A staff member's login, in one workspace. An email is unique within its workspace; the same person may hold
/// accounts in several workspaces, each with its own password.
/// </summary>
public sealed record AgentAccount(Guid Id, string WorkspaceId, string Email, string DisplayName, string Role,
    string PasswordHash, DateTimeOffset CreatedAt, bool Disabled = false);

/// <summary>
/// A refresh token, stored by the hash of its value only. Each use replaces it with a new one.
/// </summary>
public sealed record RefreshToken(string Id, Guid AgentId, string WorkspaceId, DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt);
