using System.Security.Claims;
using Chat.Api.Infrastructure;
using Marten;
using Wolverine;

namespace Chat.Api.Identity;

/// <summary>One of the agent's live sessions (a sign-in and its renewals), as last seen; never a token.</summary>
public sealed record OwnSession(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string? Ip, string? UserAgent, bool Current);

public static class OwnSessions
{
    public static async Task<IResult> ListAsync(ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var current = user.SessionId();
        var families = await SessionFamilies.LiveOfAsync(session, user.AgentId(), clock.GetUtcNow(), ct);
        return Results.Ok(families.Select(f => new OwnSession(f.Id, f.CreatedAt, f.LastUsedAt, f.Ip, f.UserAgent, f.Id == current)));
    }

    /// <summary>
    /// Ends one of the caller's own sessions: its refresh tokens, access tokens and hub connections stop at once. 204 for
    /// one already ended; 404 for any session that is not the caller's, so ids of others' sessions tell nothing.
    /// </summary>
    public static async Task<IResult> RevokeAsync(Guid sessionId, ClaimsPrincipal user, HttpContext http, IDocumentStore store,
        IMessageBus bus, AccessCheck access, TimeProvider clock, CancellationToken ct)
    {
        var agentId = user.AgentId();
        var client = ClientInfo.Of(http);
        AccessRevoked? ended = null;
        var answer = await ConcurrencyRetry.RunAsync(async () =>
        {
            ended = null;
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<SessionFamily>(sessionId, ct) is not { } family || family.AgentId != agentId)
                return Problems.NotFound($"Session {sessionId} is not one of yours.");
            var now = clock.GetUtcNow();
            if (family.IsLive(now))
            {
                ended = SessionFamilies.Revoke(session, family, RevocationReasons.RevokedByAgent, agentId, client, now);
                await session.SaveChangesAsync(ct);
            }
            return Results.NoContent();
        }, ct);
        if (ended is not null) await bus.AnnounceAsync(access, [ended]);
        return answer;
    }
}
