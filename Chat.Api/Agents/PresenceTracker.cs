using Chat.Api.Infrastructure;
using Chat.Domain.Agents;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Chat.Api.Agents;

/// <summary>The hub connections an agent holds right now, across all nodes.</summary>
public sealed record AgentConnections(Guid Id, IReadOnlyList<string> ConnectionIds);

/// <summary>Asks, after the grace period, whether an agent whose last connection went is still gone.</summary>
public sealed record CheckAgentPresence(string WorkspaceId, Guid AgentId);

/// <summary>
/// Agent presence from connections and from the agent's own choice. Every change of status is an
/// event on the agent's presence stream; the connection set is bookkeeping, kept under the agent's lock.
/// </summary>
public sealed class PresenceTracker(IDocumentStore store, TimeProvider clock, IMessageBus bus, IOptions<ChatOptions> options)
{
    public Task ConnectedAsync(string workspaceId, Guid agentId, string connectionId, CancellationToken ct) =>
        ChangeAsync(workspaceId, agentId, ct, (connections, presence, now) =>
            ([.. connections.Append(connectionId).Distinct()], PresenceDecisions.Connected(agentId, presence, now)));

    public async Task DisconnectedAsync(string workspaceId, Guid agentId, string connectionId, CancellationToken ct)
    {
        var left = await ChangeAsync(workspaceId, agentId, ct, (connections, _, _) =>
            ([.. connections.Where(c => c != connectionId)], null));
        if (left.Count == 0)
            await bus.ScheduleAsync(new CheckAgentPresence(workspaceId, agentId), TimeSpan.FromSeconds(options.Value.Presence.OfflineGraceSeconds));
    }

    public Task CheckAsync(string workspaceId, Guid agentId, CancellationToken ct) =>
        ChangeAsync(workspaceId, agentId, ct, (connections, presence, now) =>
            (connections, connections.Count == 0 ? PresenceDecisions.AllConnectionsGone(agentId, presence, now) : null));

    public Task SetAsync(string workspaceId, Guid agentId, AgentStatus status, CancellationToken ct) =>
        ChangeAsync(workspaceId, agentId, ct, (connections, presence, now) =>
            (connections, PresenceDecisions.SetByAgent(agentId, presence, status, now)));

    private async Task<IReadOnlyList<string>> ChangeAsync(string workspaceId, Guid agentId, CancellationToken ct,
        Func<IReadOnlyList<string>, AgentPresence?, DateTimeOffset, (IReadOnlyList<string>, AgentStatusChanged?)> change)
    {
        await using var session = store.LightweightSession(workspaceId);
        await WriteLock.AcquireAsync(session, workspaceId, agentId, ct);
        var connections = await session.LoadAsync<AgentConnections>(agentId, ct);
        var presence = await session.Events.FetchForWriting<AgentPresence>(agentId, ct);

        var (now, before) = (clock.GetUtcNow(), connections?.ConnectionIds ?? []);
        var (after, statusChange) = change(before, presence.Aggregate, now);
        session.Store(new AgentConnections(agentId, after));
        if (statusChange is not null) presence.AppendOne(statusChange);
        await session.SaveChangesAsync(ct);
        return after;
    }
}

public static class CheckAgentPresenceHandler
{
    public static Task Handle(CheckAgentPresence check, PresenceTracker presence, CancellationToken ct) =>
        presence.CheckAsync(check.WorkspaceId, check.AgentId, ct);
}
