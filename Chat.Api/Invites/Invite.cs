namespace Chat.Api.Invites;

/// <summary>
/// An invitation to join a workspace with a role and groups. Its token travels only in the mail and is stored by its
/// hash; it works once, until it expires or is revoked. Stored apart from tenants, since accepting finds it by token alone.
/// </summary>
public sealed record Invite(Guid Id, string WorkspaceId, string Email, string Role, IReadOnlyList<string> Groups, string TokenHash,
    Guid InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public DateTimeOffset? AcceptedAt { get; init; }
    public Guid? AgentId { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public InviteStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InviteStatus.Accepted
        : RevokedAt is not null ? InviteStatus.Revoked
        : ExpiresAt <= now ? InviteStatus.Expired
        : InviteStatus.Pending;
}

public enum InviteStatus
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}

/// <summary>An invite as admins see it: never its token.</summary>
public sealed record InviteView(Guid Id, string Email, string Role, IReadOnlyList<string> Groups, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, InviteStatus Status, Guid? AgentId)
{
    public static InviteView Of(Invite invite, DateTimeOffset now) => new(invite.Id, invite.Email, invite.Role, invite.Groups,
        invite.CreatedAt, invite.ExpiresAt, invite.StatusAt(now), invite.AgentId);
}
