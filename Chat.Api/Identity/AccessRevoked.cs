using Wolverine;

namespace Chat.Api.Identity;

/// <summary>
/// An agent's access ended, in whole or in part: a new security stamp (disabled, deleted, restored, another role) ends
/// every token issued under another stamp; ended sessions end the tokens issued for them. Sent on the live exchange, so
/// every node forgets what it kept of the agent and closes the hub connections it holds on those tokens.
/// </summary>
public sealed record AccessRevoked(string WorkspaceId, Guid AgentId, string? Stamp, IReadOnlyList<Guid> Sessions)
{
    public static AccessRevoked Restamped(AgentAccount account) => new(account.WorkspaceId, account.Id, account.SecurityStamp, []);

    public static AccessRevoked Ended(SessionFamily family) => new(family.WorkspaceId, family.AgentId, null, [family.Id]);

    /// <summary>Whether a token of this agent, issued under <paramref name="stamp"/> for <paramref name="session"/>, is one that ended.</summary>
    public bool Ends(string stamp, Guid? session) =>
        (Stamp is not null && Stamp != stamp) || (session is { } id && Sessions.Contains(id));
}

public static class AccessRevocations
{
    /// <summary>
    /// After the change is committed: this node forgets at once (its next request sees the change), and every node,
    /// this one included, hears of it to close the connections it holds.
    /// </summary>
    public static async Task AnnounceAsync(this IMessageBus bus, AccessCheck check, IEnumerable<AccessRevoked> revocations)
    {
        foreach (var revoked in revocations)
        {
            check.Forget(revoked);
            await bus.PublishAsync(revoked);
        }
    }
}
