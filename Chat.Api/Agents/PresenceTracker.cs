using Chat.Api.Infrastructure;
using Chat.Domain.Agents;
using Chat.Api.Routing;
using Marten;
using Wolverine.Marten;

namespace Chat.Api.Agents;

/// <summary>
/// Agent presence from connections and from the agent's own choice. Every change of status is an
/// event on the agent's presence stream; the connections are bookkeeping, each stored under the node that
/// holds it and changed under the agent's lock. When the last one goes, the agent's absence is recorded;
/// <see cref="NodeLeases"/> checks absences older than the grace period, on whichever node is running then.
/// </summary>
public sealed class PresenceTracker(IDocumentStore store, IMartenOutbox outbox, ThisNode node, TimeProvider clock)
{
    public Task ConnectedAsync(string workspaceId, Guid agentId, string connectionId, CancellationToken ct) =>
        ChangeAsync(workspaceId, agentId, ct,
            (connections, now) => [.. connections.Where(c => c.Id != connectionId), new AgentConnection(connectionId, workspaceId, agentId, node.Id, now)],
            (_, presence, now) => PresenceDecisions.Connected(agentId, presence, now));

    public Task DisconnectedAsync(string workspaceId, Guid agentId, string connectionId, CancellationToken ct) =>
        DropAsync(workspaceId, agentId, [connectionId], ct);

    /// <summary>Connections gone without a disconnect (their node stopped) leave as a disconnect does.</summary>
    public Task DropAsync(string workspaceId, Guid agentId, IReadOnlyCollection<string> connectionIds, CancellationToken ct) =>
        ChangeAsync(workspaceId, agentId, ct, (connections, _) => [.. connections.Where(c => !connectionIds.Contains(c.Id))], (_, _, _) => null);

    /// <summary>After the grace period: an agent still without connections goes offline.</summary>
    public Task CheckAsync(string workspaceId, Guid agentId, CancellationToken ct) =>
        ChangeAsync(workspaceId, agentId, ct, (connections, _) => connections,
            (connections, presence, now) => connections.Count == 0 ? PresenceDecisions.AllConnectionsGone(agentId, presence, now) : null);

    public Task SetAsync(string workspaceId, Guid agentId, AgentStatus status, CancellationToken ct) =>
        ChangeAsync(workspaceId, agentId, ct, (connections, _) => connections,
            (_, presence, now) => PresenceDecisions.SetByAgent(agentId, presence, status, now));

    private async Task ChangeAsync(string workspaceId, Guid agentId, CancellationToken ct,
        Func<IReadOnlyList<AgentConnection>, DateTimeOffset, IReadOnlyList<AgentConnection>> connect,
        Func<IReadOnlyList<AgentConnection>, AgentPresence?, DateTimeOffset, AgentStatusChanged?> decide)
    {
        await using var session = store.LightweightSession(workspaceId);
        outbox.Enroll(session);
        await WriteLock.AcquireAsync(session, workspaceId, agentId, ct);
        var before = await session.Query<AgentConnection>().Where(c => c.AgentId == agentId).ToListAsync(ct);
        var presence = await session.Events.FetchForWriting<AgentPresence>(agentId, ct);
        var now = clock.GetUtcNow();

        var after = connect(before, now);
        foreach (var gone in before.Where(c => after.All(a => a.Id != c.Id))) session.Delete(gone);
        foreach (var added in after.Where(a => !before.Contains(a))) session.Store(added);
        var statusChange = decide(after, presence.Aggregate, now);
        if (statusChange is not null) presence.AppendOne(statusChange);

        var offline = (statusChange?.Status ?? presence.Aggregate?.Status ?? AgentStatus.Offline) == AgentStatus.Offline;
        if (before.Count > 0 && after.Count == 0 && !offline) session.Store(new AgentAbsence(agentId, workspaceId, now));
        else if ((before.Count == 0 && after.Count > 0) || offline) session.Delete<AgentAbsence>(agentId);
        // A change of status may free or take seats; and only a live connection makes an agent routable, so one
        // already online by choice becomes routable now.
        var live = await LiveConnections.NodesAsync(session, now, ct);
        if (statusChange is not null || (!before.Any(c => live.Contains(c.NodeId)) && after.Any(c => live.Contains(c.NodeId))))
            await outbox.RouteWorkspaceAsync(workspaceId);
        await session.SaveChangesAsync(ct);
    }
}
