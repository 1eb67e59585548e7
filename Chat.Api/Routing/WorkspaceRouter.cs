using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Routing;
using Chat.Domain.Threads;
using Chat.Projections.Routing;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Persistence.Sagas;
using Wolverine.Runtime.Handlers;

namespace Chat.Api.Routing;

/// <summary>
/// The assignment process of a workspace: a Wolverine saga whose identity is the workspace. Its state is what the
/// read models cannot tell: when each agent last got a chat (round robin), who was skipped for which thread, which
/// waits are watched, and the queue as it stood after the last decision. Each run reads the truth from the inline
/// read models (<see cref="RoutingSituation"/>), decides with <see cref="RouterDecision"/>, and appends every
/// decision to its thread in the transaction that saves the saga. The saga is versioned: runs of one workspace on
/// two nodes may overlap, but only one commits; the other fails on the version and runs again on what the first
/// wrote, so two decisions can never both take an agent's last free seat.
/// </summary>
/// <remarks>
/// <see cref="IRevisioned"/> is what makes Wolverine save the saga with <c>UpdateRevision</c> (expected version + 1);
/// <see cref="Saga"/> alone has a <c>Version</c> but is saved with a plain update, which checks nothing.
/// </remarks>
public sealed class WorkspaceRouter : Saga, IRevisioned
{
    private const string MissedMessage = "All our agents are busy right now. Leave a message here and we will get back to you.";

    /// <summary>The workspace.</summary>
    public string Id { get; set; } = "";
    public Dictionary<Guid, DateTimeOffset> LastRoutedAt { get; set; } = [];
    public Dictionary<Guid, List<Guid>> Skipped { get; set; } = [];
    public HashSet<Guid> WatchedWaits { get; set; } = [];
    public List<QueuePlace> Queue { get; set; } = [];

    /// <summary>
    /// A run that lost to another node's run (on the saga's version, or on creating it) runs again on fresh state.
    /// Someone always wins a clash, so retrying as long as clashes last cannot loop without progress.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
                TimeSpan.FromMilliseconds(250))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

    /// <summary>Something may let a waiting thread through. The first trigger of a workspace starts its router.</summary>
    public Task<OutgoingMessages> StartOrHandle([SagaIdentityFrom(nameof(RouteWorkspace.WorkspaceId))] RouteWorkspace trigger,
        IDocumentSession session, IOptions<ChatOptions> options, TimeProvider clock, CancellationToken ct)
    {
        Id = trigger.WorkspaceId;
        return RunAsync(session, options.Value.Routing, clock.GetUtcNow(), new RunChanges(), ct);
    }

    /// <summary>The routed agent did not answer in time: the thread goes back, and to someone else.</summary>
    public async Task<OutgoingMessages> Handle([SagaIdentityFrom(nameof(AnswerDeadline.WorkspaceId))] AnswerDeadline deadline,
        IDocumentSession session, IOptions<ChatOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var changes = new RunChanges();
        var row = await session.LoadAsync<RoutingThread>(deadline.ConversationId, ct);
        if (row is { IsHeld: true, Answered: false } && row.ThreadId == deadline.ThreadId && row.AssigneeId == deadline.AgentId
            && row.AssignedVersion == deadline.AssignedVersion)
        {
            changes.Releases.Add(new Release(row, deadline.AgentId, "no answer"));
            Skipped[deadline.ThreadId] = [.. Skipped.GetValueOrDefault(deadline.ThreadId, []), deadline.AgentId];
        }
        return await RunAsync(session, options.Value.Routing, clock.GetUtcNow(), changes, ct);
    }

    /// <summary>Nobody took the thread within the longest wait: mark it missed and offer to leave a message.</summary>
    public async Task<OutgoingMessages> Handle([SagaIdentityFrom(nameof(MaxWaitDeadline.WorkspaceId))] MaxWaitDeadline deadline,
        IDocumentSession session, IOptions<ChatOptions> options, TimeProvider clock, CancellationToken ct)
    {
        WatchedWaits.Remove(deadline.ThreadId);
        var changes = new RunChanges();
        var row = await session.LoadAsync<RoutingThread>(deadline.ConversationId, ct);
        if (row is { AssigneeId: null, Status: ThreadStatus.Queued, Missed: false, QueuedAt: not null } && row.ThreadId == deadline.ThreadId)
            changes.Missed.Add(row);
        return await RunAsync(session, options.Value.Routing, clock.GetUtcNow(), changes, ct);
    }

    private async Task<OutgoingMessages> RunAsync(IDocumentSession session, RoutingOptions settings, DateTimeOffset now, RunChanges changes,
        CancellationToken ct)
    {
        if (session.TenantId != Id)
            throw new InvalidOperationException($"The router of workspace {Id} ran for tenant {session.TenantId}: its messages must carry the workspace as their tenant.");
        var situation = await RoutingSituation.ReadAsync(session, now, ct);
        ReleaseAll(changes, situation.HeldByAgentsWhoCannotWork(), "agent no longer works chats");
        if (settings.RequeueWhenAgentOffline) ReleaseAll(changes, situation.HeldByAgentsGoneOffline(), "agent offline");

        // A thread released or missed in this run waits for the next run, which its release triggers.
        var released = changes.Releases.Select(r => r.Row.ThreadId).ToHashSet();
        var waiting = situation.Waiting(released.Union(changes.Missed.Select(r => r.ThreadId)).ToHashSet());
        var seats = situation.Seats(released, LastRoutedAt);
        var queue = waiting.Select(r => new WaitingThread(r.Id, r.ThreadId, r.Group, r.QueuedAt!.Value, r.PreviousAssigneeId,
            Skipped.GetValueOrDefault(r.ThreadId, []).ToHashSet())).ToList();
        var choices = RouterDecision.Decide(queue, seats, situation.GroupOf, now);

        await ThreadWrites.LockAsync(session, Id,
            [.. changes.Releases.Select(r => r.Row.Id), .. changes.Missed.Select(r => r.Id), .. choices.Select(c => c.Thread.ConversationId)], ct);
        var releasedNow = 0;
        foreach (var release in changes.Releases)
            if (await ExpireAsync(session, release, now, ct) is not null) releasedNow++;
        foreach (var missed in changes.Missed) await MissAsync(session, missed, now, ct);

        var outgoing = new OutgoingMessages();
        // A thread released in this run is routed by the next one, away from the agent it came from. A release that
        // found the thread already changed (closed, reassigned) released nothing: the change that did it woke the
        // router itself, and waking it again here would repeat the same run for as long as the rows disagreed.
        if (releasedNow > 0) outgoing.Add(new RouteWorkspace(Id));
        var assigned = new HashSet<Guid>();
        foreach (var choice in choices)
        {
            if (await AssignAsync(session, choice, situation.GroupOf(choice.Thread.Group).Id, now, ct) is not { } version) continue;
            assigned.Add(choice.Thread.ThreadId);
            LastRoutedAt[choice.AgentId] = now;
            Skipped.Remove(choice.Thread.ThreadId);
            outgoing.Add(new AnswerDeadline(Id, choice.Thread.ConversationId, choice.Thread.ThreadId, choice.AgentId, version,
                TimeSpan.FromSeconds(settings.AnswerTimeoutSeconds)));
        }

        var stillWaiting = queue.Where(t => !assigned.Contains(t.ThreadId)).ToList();
        outgoing.AddRange(WatchWaits(stillWaiting, settings, now));
        var places = WaitEstimate.Places(stillWaiting, seats, situation.GroupOf, settings.AverageHandleSeconds);
        var moved = places.Except(Queue).ToList();
        Queue = [.. places];
        var open = situation.Open.Select(r => r.ThreadId).ToHashSet();
        foreach (var gone in Skipped.Keys.Where(t => !open.Contains(t)).ToList()) Skipped.Remove(gone);
        if (moved.Count > 0) outgoing.Add(new QueueChanged(Id, moved));
        return outgoing;
    }

    /// <summary>Hands the threads back to the queue in this run, each once.</summary>
    private static void ReleaseAll(RunChanges changes, IEnumerable<RoutingThread> held, string reason) =>
        changes.Releases.AddRange(held.Where(r => changes.Releases.All(x => x.Row.ThreadId != r.ThreadId))
            .Select(r => new Release(r, r.AssigneeId!.Value, reason)));

    /// <summary>Watches each newly waiting thread's longest wait, counted from its first queueing.</summary>
    private IEnumerable<MaxWaitDeadline> WatchWaits(IReadOnlyList<WaitingThread> waiting, RoutingOptions settings, DateTimeOffset now)
    {
        var deadlines = new List<MaxWaitDeadline>();
        foreach (var thread in waiting.Where(t => WatchedWaits.Add(t.ThreadId)))
        {
            var due = thread.QueuedAt.AddSeconds(settings.MaxWaitSeconds);
            deadlines.Add(new MaxWaitDeadline(Id, thread.ConversationId, thread.ThreadId, due > now ? due - now : TimeSpan.Zero));
        }
        WatchedWaits.IntersectWith(waiting.Select(t => t.ThreadId));
        return deadlines;
    }

    private static Task<long?> AssignAsync(IDocumentSession session, RoutingChoice choice, string group, DateTimeOffset now, CancellationToken ct)
    {
        var (conversationId, threadId) = (choice.Thread.ConversationId, choice.Thread.ThreadId);
        return ThreadWrites.AppendAsync(session, threadId, thread => thread.AssigneeId is null && thread.Status == ThreadStatus.Queued
            ?
            [
                new ThreadRouted(conversationId, threadId, choice.AgentId, group, choice.Strategy, choice.Candidates, now),
                new ThreadAssigned(conversationId, threadId, choice.AgentId, null, "router", now),
            ]
            : [], ct);
    }

    private static Task<long?> ExpireAsync(IDocumentSession session, Release release, DateTimeOffset now, CancellationToken ct) =>
        ThreadWrites.AppendAsync(session, release.Row.ThreadId, thread => thread.AssigneeId == release.AgentId && !thread.IsClosed
            ? [new AssignmentExpired(release.Row.Id, release.Row.ThreadId, release.AgentId, release.Reason, now)]
            : [], ct);

    private static Task MissAsync(IDocumentSession session, RoutingThread row, DateTimeOffset now, CancellationToken ct) =>
        ThreadWrites.AppendAsync(session, row.ThreadId, thread => thread.AssigneeId is null && thread.Status == ThreadStatus.Queued
            ?
            [
                new ThreadMissed(row.Id, row.ThreadId, now - row.QueuedAt!.Value, now),
                new MessagePosted(row.Id, row.ThreadId, Guid.CreateVersion7(), AuthorKind.System, Actor.System.Id, MissedMessage,
                    $"missed-{row.ThreadId}", now),
            ]
            : [], ct);

    /// <summary>An assignment this run ends, and why.</summary>
    private sealed record Release(RoutingThread Row, Guid AgentId, string Reason);

    /// <summary>What a deadline changes before the run routes.</summary>
    private sealed class RunChanges
    {
        public List<Release> Releases { get; } = [];
        public List<RoutingThread> Missed { get; } = [];
    }
}
