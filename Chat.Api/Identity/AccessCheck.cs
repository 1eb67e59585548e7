using System.Security.Claims;
using Chat.Api.Infrastructure;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity;

/// <summary>
/// Whether a staff access token still speaks for its account: the account is enabled, in the token's workspace, under
/// the token's security stamp, and the token's session has not ended. Checked on every request (the bearer events) and
/// every hub call. What the database says is kept on each node for <c>Chat:Auth:AccessCheckSeconds</c>, so a request
/// costs no read each time; a revocation clears it on every node at once (<see cref="AccessRevoked"/>), and the time
/// bounds how long a node that missed that message goes on admitting a revoked token.
/// </summary>
public sealed class AccessCheck(IDocumentStore store, IMemoryCache cache, IOptions<ChatOptions> options)
{
    private TimeSpan KeepFor => TimeSpan.FromSeconds(options.Value.Auth.AccessCheckSeconds);

    public async ValueTask<bool> AdmitsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Visitor)) return true;
        if (!Guid.TryParse(user.FindFirstValue(ChatClaims.Subject), out var agentId)) return false;
        var account = await AccountAsync(agentId, ct);
        if (account is null || account.WorkspaceId != user.FindFirstValue(ChatClaims.Workspace)
            || account.Stamp != (user.FindFirstValue(ChatClaims.Stamp) ?? ""))
            return false;
        return user.SessionId() is not { } sessionId || await SessionLiveAsync(agentId, sessionId, ct);
    }

    public void Forget(AccessRevoked revoked)
    {
        cache.Remove(new Key(revoked.AgentId, null));
        foreach (var session in revoked.Sessions) cache.Remove(new Key(revoked.AgentId, session));
    }

    /// <summary>An enabled account's workspace and stamp; null for one that is disabled, deleted or unknown.</summary>
    private async ValueTask<Account?> AccountAsync(Guid agentId, CancellationToken ct)
    {
        if (cache.TryGetValue(new Key(agentId, null), out Account? known)) return known;
        await using var session = store.QuerySession();
        var account = await session.LoadAsync<AgentAccount>(agentId, ct) is { Disabled: false } a ? new Account(a.WorkspaceId, a.SecurityStamp) : null;
        return cache.Set(new Key(agentId, null), account, KeepFor);
    }

    private async ValueTask<bool> SessionLiveAsync(Guid agentId, Guid sessionId, CancellationToken ct)
    {
        if (cache.TryGetValue(new Key(agentId, sessionId), out bool known)) return known;
        await using var session = store.QuerySession();
        var live = await session.LoadAsync<SessionFamily>(sessionId, ct) is { RevokedAt: null } family && family.AgentId == agentId;
        return cache.Set(new Key(agentId, sessionId), live, KeepFor);
    }

    private sealed record Account(string WorkspaceId, string Stamp);

    /// <summary>An agent's account (no session) or one of their sessions.</summary>
    private sealed record Key(Guid AgentId, Guid? SessionId);
}
