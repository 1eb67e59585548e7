using Chat.Api.Agents;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Domain.Agents;
using Chat.Domain.Routing;
using Chat.Domain.Threads;
using Chat.Projections.Agents;
using Chat.Projections.Routing;
using Marten;

namespace Chat.Api.Routing;

/// <summary>
/// What a routing run decides from, read once at its start from the inline read models: the open threads (the
/// queue and the loads), presence, live connections, the agents' limits and groups. Queries see what is committed,
/// so a run that another run committed after has read stale facts, and loses on the router's version.
/// </summary>
public sealed record RoutingSituation(
    IReadOnlyList<RoutingThread> Open,
    IReadOnlyDictionary<Guid, AgentPresenceView> Presence,
    IReadOnlySet<Guid> Connected,
    IReadOnlyList<AgentProfile> Agents,
    IReadOnlyDictionary<string, RoutingGroup> Groups,
    IReadOnlySet<Guid> Retired)
{
    public static async Task<RoutingSituation> ReadAsync(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var open = await session.Query<RoutingThread>().Where(r => r.Status != ThreadStatus.Closed).ToListAsync(ct);
        var presence = await session.Query<AgentPresenceView>().ToListAsync(ct);
        var connected = await LiveConnections.AgentsAsync(session, now, ct);
        var profiles = await session.Query<AgentProfile>().ToListAsync(ct);
        var groups = await session.Query<RoutingGroup>().Where(g => !g.Deleted).ToListAsync(ct);
        var (agents, retired) = (profiles.Where(CanWork).ToList(), profiles.Where(p => !CanWork(p)).Select(p => p.Id).ToHashSet());
        return new RoutingSituation(open, presence.ToDictionary(p => p.Id), connected, agents, groups.ToDictionary(g => g.Id), retired);
    }

    /// <summary>Deleted (disabled) agents and auditors are handed no chats and hold none.</summary>
    private static bool CanWork(AgentProfile profile) => !profile.Deleted && profile.Role != Roles.Auditor;

    /// <summary>A group's routing; a thread of a group that is gone is routed as the default group.</summary>
    public GroupRouting GroupOf(string id) =>
        Groups.TryGetValue(id, out var g) ? new GroupRouting(g.Id, g.Strategy, g.Fallback)
        : Groups.TryGetValue(DefaultGroup.Id, out var d) ? new GroupRouting(d.Id, d.Strategy, d.Fallback)
        : new GroupRouting(DefaultGroup.Id, RoutingStrategy.RoundRobin, RoutingStrategy.RoundRobin);

    /// <summary>Threads held by agents who went offline after taking them: by policy they go back to the queue.</summary>
    public IEnumerable<RoutingThread> HeldByAgentsGoneOffline() => Open.Where(r =>
        r is { IsHeld: true, AssigneeId: { } agent } && Presence.TryGetValue(agent, out var p)
        && p.Status == AgentStatus.Offline && r.AssignedAt < p.Since);

    /// <summary>Threads held by agents who may no longer work them (deleted, or now auditors): they go back to the queue.</summary>
    public IEnumerable<RoutingThread> HeldByAgentsWhoCannotWork() =>
        Open.Where(r => r is { IsHeld: true, AssigneeId: { } agent } && Retired.Contains(agent));

    /// <summary>The waiting threads, oldest queueing first, except those this run already changed.</summary>
    public IReadOnlyList<RoutingThread> Waiting(IReadOnlySet<Guid> except) =>
        [.. Open.Where(r => r.IsWaiting && !except.Contains(r.ThreadId)).OrderBy(r => r.QueuedSequence)];

    /// <summary>Every agent's seat, their load not counting the threads this run releases.</summary>
    public IReadOnlyList<AgentSeat> Seats(IReadOnlySet<Guid> released, IReadOnlyDictionary<Guid, DateTimeOffset> lastRoutedAt)
    {
        var loads = Open.Where(r => r.IsHeld && !released.Contains(r.ThreadId))
            .GroupBy(r => r.AssigneeId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return
        [
            .. Agents.Select(p => new AgentSeat(p.Id, Presence.TryGetValue(p.Id, out var presence) ? presence.Status : AgentStatus.Offline,
                Connected.Contains(p.Id), loads.GetValueOrDefault(p.Id), p.MaxConcurrentChats, p.Groups.ToHashSet(),
                lastRoutedAt.TryGetValue(p.Id, out var last) ? last : null)),
        ];
    }
}
