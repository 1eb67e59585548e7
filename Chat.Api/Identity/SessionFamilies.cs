using Chat.Api.AdminLog;
using Marten;

namespace Chat.Api.Identity;

/// <summary>
/// What a refresh token may do, decided from the token and its family alone. Only the family's newest token renews it.
/// The token it replaced, presented again within the grace, lost a race with its own renewal (two tabs, a retried
/// request): it is refused, but ends nothing. Any other used token is a replay, so someone else may hold the family.
/// </summary>
public enum RefreshVerdict
{
    Rotate,
    /// <summary>A token issued before families existed, unused: its renewal starts a family.</summary>
    StartFamily,
    Unusable,
    RaceLost,
    Reused,
}

/// <summary>Starting, renewing and revoking session families; every revocation leaves an entry in the admin log.</summary>
public static class SessionFamilies
{
    public static RefreshVerdict Judge(RefreshToken token, SessionFamily? family, DateTimeOffset now, TimeSpan grace)
    {
        if (family is null)
            return token.FamilyId is null && token.UsedAt is null && token.ExpiresAt > now ? RefreshVerdict.StartFamily : RefreshVerdict.Unusable;
        if (!family.IsLive(now)) return RefreshVerdict.Unusable;
        if (token.Id == family.CurrentTokenId) return RefreshVerdict.Rotate;
        return token.Id == family.PreviousTokenId && now - family.RotatedAt < grace ? RefreshVerdict.RaceLost : RefreshVerdict.Reused;
    }

    /// <summary>A new family for a sign-in, and its first refresh token.</summary>
    public static (SessionFamily Family, string RefreshToken) Start(IDocumentSession session, AgentAccount agent, ClientInfo client,
        DateTimeOffset now, TimeSpan lifetime)
    {
        var (token, hash) = TokenIssuer.NewRefreshToken();
        var family = new SessionFamily(Guid.CreateVersion7(), agent.Id, agent.WorkspaceId, now, now, now + lifetime,
            client.Ip, client.UserAgent, hash);
        session.Insert(family);
        session.Insert(new RefreshToken(hash, agent.Id, agent.WorkspaceId, family.ExpiresAt, null, family.Id));
        return (family, token);
    }

    /// <summary>Spends the family's current token for a new one. The family is versioned: of two renewals at once, one fails.</summary>
    public static (SessionFamily Family, string RefreshToken) Rotate(IDocumentSession session, SessionFamily family, RefreshToken used,
        ClientInfo client, DateTimeOffset now, TimeSpan lifetime)
    {
        var (token, hash) = TokenIssuer.NewRefreshToken();
        var rotated = family with
        {
            CurrentTokenId = hash, PreviousTokenId = used.Id, RotatedAt = now, LastUsedAt = now, ExpiresAt = now + lifetime,
            Ip = client.Ip, UserAgent = client.UserAgent,
        };
        session.Store(used with { UsedAt = now });
        session.Store(rotated);
        session.Insert(new RefreshToken(hash, family.AgentId, family.WorkspaceId, rotated.ExpiresAt, null, family.Id));
        return (rotated, token);
    }

    /// <summary>
    /// Ends the family (every token of it stops renewing) and records in the admin log why, by whom (none when the
    /// service itself ends it, on a reuse) and from where. Once saved, announce the answer, so the family's access tokens
    /// and hub connections end too.
    /// </summary>
    public static AccessRevoked Revoke(IDocumentSession session, SessionFamily family, string reason, Guid? actorId, ClientInfo client,
        DateTimeOffset now)
    {
        session.Store(family with { RevokedAt = now, RevokedReason = reason });
        var action = reason switch
        {
            RevocationReasons.RefreshTokenReused => AdminActions.RefreshTokenReused,
            RevocationReasons.SignedOut => AdminActions.SignedOut,
            _ => AdminActions.SessionEnded,
        };
        session.RecordAdminChange(family.WorkspaceId, actorId, client.Ip, now, action, family.AgentId.ToString(),
            new { session = family.Id, family.CreatedAt, family.Ip, family.UserAgent },
            new { session = family.Id, reason, userAgent = client.UserAgent });
        return AccessRevoked.Ended(family);
    }

    public static Task<IReadOnlyList<SessionFamily>> LiveOfAsync(IQuerySession session, Guid agentId, DateTimeOffset now, CancellationToken ct) =>
        session.Query<SessionFamily>().Where(f => f.AgentId == agentId && f.RevokedAt == null && f.ExpiresAt > now)
            .OrderByDescending(f => f.LastUsedAt).ToListAsync(ct);
}
