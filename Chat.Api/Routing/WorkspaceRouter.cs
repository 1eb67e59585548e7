using Chat.Api.Agents;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Agents;
using Chat.Domain.Routing;
using Chat.Domain.Threads;
using Chat.Projections.Agents;
using Chat.Projections.Conversations;
using Chat.Projections.Inbox;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten;

namespace Chat.Api.Routing;

/// <summary>
/// The assignment process of a workspace. Every run holds the workspace's routing lock, reads the truth
/// from the inline read models (who waits since when, who holds how many open threads, who is online and connected to a living node)
/// and its own memory, decides with <see cref="RouterDecision"/>, and writes each assignment to its
/// thread under that conversation's lock, all in one transaction. Runs are serialised, so two decisions
/// can never both take an agent's last free seat.
/// </summary>
public sealed class WorkspaceRouter(IDocumentStore store, IMartenOutbox outbox, TimeProvider clock, IOptions<ChatOptions> options)
{
    /// <summary>The lock id of a workspace's router (conversation and agent locks use their own ids).</summary>
    public static readonly Guid RouterLockId = new("5f0c3a52-8d4e-4d8a-9a4f-7c1f2e6b9d01");
    private const string MissedMessage = "All our agents are busy right now. Leave a message here and we will get back to you.";

    private RoutingOptions Settings => options.Value.Routing;

    public Task RouteAsync(string workspaceId, CancellationToken ct) =>
        RunAsync(workspaceId, ct, (_, _, _) => Task.CompletedTask);

    /// <summary>The routed agent did not answer in time: the thread goes back and to someone else.</summary>
    public Task AnswerDeadlineAsync(AnswerDeadline deadline, CancellationToken ct) =>
        RunAsync(deadline.WorkspaceId, ct, async (session, memory, now) =>
        {
            var item = await session.LoadAsync<InboxItem>(deadline.ConversationId, ct);
            if (item is null || item.ThreadId != deadline.ThreadId || item.AssigneeId != deadline.AgentId
                || item.AssignedVersion != deadline.AssignedVersion || item.Answered || item.Status == ThreadStatus.Closed) return;

            await ExpireAsync(session, deadline.WorkspaceId, item, deadline.AgentId, "no answer", now, ct);
            memory.Skipped[deadline.ThreadId] = [.. memory.Skipped.GetValueOrDefault(deadline.ThreadId, []), deadline.AgentId];
        });

    /// <summary>Nobody took the thread within the longest wait: mark it missed and offer to leave a message.</summary>
    public Task MaxWaitDeadlineAsync(MaxWaitDeadline deadline, CancellationToken ct) =>
        RunAsync(deadline.WorkspaceId, ct, async (session, memory, now) =>
        {
            memory.WatchedWaits.Remove(deadline.ThreadId);
            var item = await session.LoadAsync<InboxItem>(deadline.ConversationId, ct);
            if (item is not { AssigneeId: null, Status: ThreadStatus.Queued, Missed: false, QueuedAt: { } queuedAt }
                || item.ThreadId != deadline.ThreadId) return;

            await WriteToThreadAsync(session, deadline.WorkspaceId, item, ct, thread =>
            [
                new ThreadMissed(item.Id, item.ThreadId, now - queuedAt, now),
                new MessagePosted(item.Id, item.ThreadId, Guid.CreateVersion7(), AuthorKind.System, Actor.System.Id, MissedMessage,
                    $"missed-{item.ThreadId}", now),
            ]);
        });

    private async Task RunAsync(string workspaceId, CancellationToken ct,
        Func<IDocumentSession, RouterMemory, DateTimeOffset, Task> before)
    {
        await using var session = store.LightweightSession(workspaceId);
        outbox.Enroll(session);
        await WriteLock.AcquireAsync(session, workspaceId, RouterLockId, ct);
        var memory = await session.LoadAsync<RouterMemory>(RouterMemory.DocumentId, ct) ?? new RouterMemory();
        var now = clock.GetUtcNow();

        await before(session, memory, now);
        // Read once for the run. Queries see the database, not this transaction's pending changes: threads
        // released or missed in this run are left out of the assignment (a release triggers the next run).
        var open = await session.Query<InboxItem>().Where(i => i.Status != ThreadStatus.Closed).ToListAsync(ct);
        var presence = await session.Query<AgentPresenceView>().ToListAsync(ct);
        await ReleaseOfflineAgentsAsync(session, workspaceId, open, presence, now, ct);
        await AssignAsync(session, workspaceId, memory, open, presence, now, ct);

        session.Store(memory);
        await session.SaveChangesAsync(ct);
    }

    private async Task AssignAsync(IDocumentSession session, string workspaceId, RouterMemory memory, IReadOnlyList<InboxItem> open,
        IReadOnlyList<AgentPresenceView> presenceViews, DateTimeOffset now, CancellationToken ct)
    {
        var profiles = await session.Query<AgentProfile>().Where(p => !p.Deleted && p.Role != Roles.Auditor).ToListAsync(ct);
        var presence = presenceViews.ToDictionary(p => p.Id, p => p.Status);
        var connected = await LiveConnections.AgentsAsync(session, now, ct);
        var groups = (await session.Query<RoutingGroup>().ToListAsync(ct)).Where(g => !g.Deleted).ToDictionary(g => g.Id);
        var pending = session.PendingChanges.Streams().SelectMany(s => s.Events).Select(e => e.Data).ToList();
        var released = pending.OfType<AssignmentExpired>().Select(e => e.ThreadId).ToHashSet();
        var missed = pending.OfType<ThreadMissed>().Select(e => e.ThreadId).ToHashSet();

        // A thread released in this very run waits for the next run, which its release triggers.
        var waitingItems = open
            .Where(i => i.AssigneeId is null && !released.Contains(i.ThreadId) && !missed.Contains(i.ThreadId)
                        && i.Status is ThreadStatus.Queued or ThreadStatus.Open
                        && !i.Missed && i.QueuedAt is not null)
            .OrderBy(i => i.QueuedSequence).ToList();
        var loads = open.Where(i => i.AssigneeId is { } && !released.Contains(i.ThreadId))
            .GroupBy(i => i.AssigneeId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var previousAgents = await PreviousAgentsAsync(session, waitingItems, ct);

        var seats = profiles.Select(p => new AgentSeat(p.Id, presence.GetValueOrDefault(p.Id, AgentStatus.Offline), connected.Contains(p.Id),
            loads.GetValueOrDefault(p.Id),
            p.MaxConcurrentChats, p.Groups.ToHashSet(), memory.LastRoutedAt.TryGetValue(p.Id, out var last) ? last : null)).ToList();
        var queue = waitingItems.Select(i => new WaitingThread(i.Id, i.ThreadId, i.Group, i.QueuedAt!.Value,
            previousAgents.GetValueOrDefault(i.Id), memory.Skipped.GetValueOrDefault(i.ThreadId, []).ToHashSet())).ToList();
        GroupRouting GroupOf(string id) => groups.TryGetValue(id, out var g)
            ? new GroupRouting(g.Id, g.Strategy, g.Fallback)
            : groups.TryGetValue(DefaultGroup.Id, out var d) ? new GroupRouting(d.Id, d.Strategy, d.Fallback)
            : new GroupRouting(DefaultGroup.Id, RoutingStrategy.RoundRobin, RoutingStrategy.RoundRobin);

        var choices = RouterDecision.Decide(queue, seats, GroupOf, now);
        var assigned = new HashSet<Guid>();
        foreach (var choice in choices)
        {
            var item = waitingItems.First(i => i.ThreadId == choice.Thread.ThreadId);
            var written = await WriteToThreadAsync(session, workspaceId, item, ct, thread =>
                thread.AssigneeId is null && thread.Status == ThreadStatus.Queued
                    ? [
                        new ThreadRouted(item.Id, item.ThreadId, choice.AgentId, GroupOf(item.Group).Id, choice.Strategy, choice.Candidates, now),
                        new ThreadAssigned(item.Id, item.ThreadId, choice.AgentId, null, "router", now),
                    ]
                    : []);
            if (written is not { } assignedVersion) continue;
            assigned.Add(item.ThreadId);
            memory.LastRoutedAt[choice.AgentId] = now;
            memory.Skipped.Remove(item.ThreadId);
            await outbox.ScheduleAsync(new AnswerDeadline(workspaceId, item.Id, item.ThreadId, choice.AgentId, assignedVersion),
                TimeSpan.FromSeconds(Settings.AnswerTimeoutSeconds));
        }

        var stillWaiting = waitingItems.Where(i => !assigned.Contains(i.ThreadId)).ToList();
        await WatchWaitsAsync(workspaceId, memory, stillWaiting, now);
        await PlaceInQueueAsync(workspaceId, memory, stillWaiting, seats, GroupOf);
    }

    /// <summary>By policy, an agent who went offline hands back the threads they held from before.</summary>
    private async Task ReleaseOfflineAgentsAsync(IDocumentSession session, string workspaceId, IReadOnlyList<InboxItem> open,
        IReadOnlyList<AgentPresenceView> presence, DateTimeOffset now, CancellationToken ct)
    {
        if (!Settings.RequeueWhenAgentOffline) return;
        var offline = presence.Where(p => p.Status == AgentStatus.Offline).ToDictionary(p => p.Id, p => p.Since);
        var held = open.Where(i => i.AssigneeId is { } agent && offline.TryGetValue(agent, out var since) && i.AssignedAt < since);
        foreach (var item in held.ToList())
            await ExpireAsync(session, workspaceId, item, item.AssigneeId!.Value, "agent offline", now, ct);
    }

    private static Task ExpireAsync(IDocumentSession session, string workspaceId, InboxItem item, Guid agentId, string reason,
        DateTimeOffset now, CancellationToken ct) =>
        WriteToThreadAsync(session, workspaceId, item, ct, thread => thread.AssigneeId == agentId && !thread.IsClosed
            ? [new AssignmentExpired(item.Id, item.ThreadId, agentId, reason, now)]
            : []);

    /// <summary>Appends to the thread under its conversation's lock, after checking the thread's own state.</summary>
    /// <returns>The thread's version after the append, or null when nothing was appended.</returns>
    private static async Task<long?> WriteToThreadAsync(IDocumentSession session, string workspaceId, InboxItem item, CancellationToken ct,
        Func<ChatThread, object[]> decide)
    {
        await WriteLock.AlsoAsync(session, workspaceId, item.Id, ct);
        var thread = await session.Events.FetchForWriting<ChatThread>(item.ThreadId, ct);
        if (thread.Aggregate is null) return null;
        var events = decide(thread.Aggregate);
        if (events.Length == 0) return null;
        thread.AppendMany(events);
        return thread.CurrentVersion;
    }

    private async Task WatchWaitsAsync(string workspaceId, RouterMemory memory, IReadOnlyList<InboxItem> waiting, DateTimeOffset now)
    {
        foreach (var item in waiting.Where(i => memory.WatchedWaits.Add(i.ThreadId)))
        {
            var due = item.QueuedAt!.Value.AddSeconds(Settings.MaxWaitSeconds);
            await outbox.ScheduleAsync(new MaxWaitDeadline(workspaceId, item.Id, item.ThreadId), due > now ? due - now : TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Each waiting thread's place within its group's queue, and a wait estimated from the agents who
    /// could take it: every full round of them handles one thread each in the average handling time.
    /// </summary>
    private async Task PlaceInQueueAsync(string workspaceId, RouterMemory memory, IReadOnlyList<InboxItem> waiting, IReadOnlyList<AgentSeat> seats,
        Func<string, GroupRouting> groupOf)
    {
        var places = new List<QueuePlace>();
        foreach (var group in waiting.GroupBy(i => groupOf(i.Group).Id))
        {
            var servers = Math.Max(1, seats.Count(s => s.Groups.Contains(group.Key) && s.Status == AgentStatus.Online && s.Connected && s.Limit > 0));
            places.AddRange(group.Select((item, index) => new QueuePlace(item.Id, item.ThreadId, group.Key, index + 1,
                (int)Math.Ceiling((index + 1) / (double)servers) * Settings.AverageHandleSeconds)));
        }
        var changed = places.Except(memory.Queue).ToList();
        memory.Queue.Clear();
        memory.Queue.AddRange(places);
        foreach (var gone in memory.WatchedWaits.Where(t => waiting.All(i => i.ThreadId != t)).ToList()) memory.WatchedWaits.Remove(gone);
        if (changed.Count > 0) await outbox.PublishAsync(new QueueChanged(workspaceId, changed));
    }

    private static async Task<Dictionary<Guid, Guid?>> PreviousAgentsAsync(IDocumentSession session, IReadOnlyList<InboxItem> waiting,
        CancellationToken ct)
    {
        var returning = waiting.Where(i => i.ThreadNumber > 1).Select(i => i.Id).ToArray();
        if (returning.Length == 0) return [];
        var details = await session.LoadManyAsync<ConversationDetail>(ct, returning);
        return details.ToDictionary(d => d.Id, d => d.Threads.Count > 1 ? d.Threads[^2].AssigneeId : null);
    }
}
