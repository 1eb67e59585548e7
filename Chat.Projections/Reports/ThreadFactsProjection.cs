using Chat.Domain;
using Chat.Domain.Threads;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Chat.Projections.Reports;

/// <summary>
/// The reports' one row per thread, kept by the async daemon: a report may be a second behind the conversations,
/// and in exchange no message pays for it. Rebuildable from the events like every projection (`./rebuild.sh`).
/// </summary>
public sealed class ThreadFactsProjection : MultiStreamProjection<ThreadFacts, Guid>
{
    public ThreadFactsProjection()
    {
        Identity<IThreadEvent>(e => e.ThreadId);
    }

    public override ThreadFacts? Evolve(ThreadFacts? facts, Guid id, IEvent e)
    {
        if (e.Data is ThreadStarted started)
            return new ThreadFacts { Id = started.ThreadId, ConversationId = started.ConversationId, Number = started.Number, GroupId = started.Group, StartedAt = started.StartedAt };
        if (facts is null) return null;
        return Derive(e.Data switch
        {
            ThreadQueued q => facts.QueuedAt is null ? facts with { QueuedAt = q.QueuedAt } : facts,
            ThreadAssigned a => facts with
            {
                AgentId = a.AgentId, FirstAssignedAt = facts.FirstAssignedAt ?? a.AssignedAt, Held = Hold(facts.Held, a.AgentId, a.AssignedAt),
            },
            ThreadUnassigned u => facts with { AgentId = null, Held = Release(facts.Held, u.UnassignedAt) },
            AssignmentExpired x => facts with { AgentId = null, Held = Release(facts.Held, x.ExpiredAt) },
            ThreadTransferred t => facts with
            {
                Transfers = facts.Transfers + 1,
                GroupId = t.ToGroup ?? facts.GroupId,
                AgentId = t.ToAgentId,
                Held = t.ToAgentId is { } to ? Hold(facts.Held, to, t.TransferredAt) : Release(facts.Held, t.TransferredAt),
            },
            MessagePosted { AuthorKind: AuthorKind.Visitor } m => facts.FirstVisitorMessageAt is null ? facts with { FirstVisitorMessageAt = m.PostedAt } : facts,
            MessagePosted { AuthorKind: AuthorKind.Agent } m => facts with
            {
                Answered = true,
                FirstResponseAt = facts.FirstResponseAt ?? (facts.FirstVisitorMessageAt is not null ? m.PostedAt : null),
            },
            ThreadMissed => facts with { Missed = true },
            ThreadClosed c => facts with { ClosedAt = c.ClosedAt, Held = Release(facts.Held, c.ClosedAt) },
            ThreadReopened r => facts with
            {
                ClosedAt = null, Held = facts.AgentId is { } agent ? Hold(facts.Held, agent, r.ReopenedAt) : facts.Held,
            },
            ThreadRated r => facts with { Rating = r.Score },
            _ => facts,
        });
    }

    /// <summary>The agent holds the thread from now on; whoever held it until now no longer does.</summary>
    private static IReadOnlyList<HeldSpan> Hold(IReadOnlyList<HeldSpan> held, Guid agentId, DateTimeOffset at) =>
        held.Count > 0 && held[^1] is { To: null } open && open.AgentId == agentId ? held : [.. Release(held, at), new HeldSpan(agentId, at, null)];

    private static IReadOnlyList<HeldSpan> Release(IReadOnlyList<HeldSpan> held, DateTimeOffset at) =>
        held.Count > 0 && held[^1] is { To: null } open ? [.. held.SkipLast(1), open with { To = at }] : held;

    private static ThreadFacts Derive(ThreadFacts f) => f with
    {
        FirstResponseSeconds = Seconds(f.FirstVisitorMessageAt, f.FirstResponseAt),
        ResolutionSeconds = Seconds(f.StartedAt, f.ClosedAt),
        WaitingSeconds = Seconds(f.QueuedAt, f.FirstAssignedAt),
    };

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } a && to is { } b && b >= a ? Math.Round((b - a).TotalSeconds, 3) : null;
}
