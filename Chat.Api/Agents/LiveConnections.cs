using Marten;

namespace Chat.Api.Agents;

/// <summary>Which connections count: those held by a node whose lease has not run out.</summary>
public static class LiveConnections
{
    public static async Task<IReadOnlySet<Guid>> NodesAsync(IQuerySession session, DateTimeOffset now, CancellationToken ct) =>
        (await session.Query<NodeLease>().Where(l => l.ExpiresAt > now).Select(l => l.Id).ToListAsync(ct)).ToHashSet();

    /// <summary>The workspace's agents with at least one live connection.</summary>
    public static async Task<IReadOnlySet<Guid>> AgentsAsync(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var nodes = (await NodesAsync(session, now, ct)).ToArray();
        return (await session.Query<AgentConnection>().Where(c => nodes.Contains(c.NodeId)).Select(c => c.AgentId).ToListAsync(ct)).ToHashSet();
    }
}
