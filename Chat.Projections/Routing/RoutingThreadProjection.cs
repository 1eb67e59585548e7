using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Chat.Projections.Routing;

/// <summary>Folds a conversation's current thread into the router's row; older threads no longer concern it.</summary>
public sealed partial class RoutingThreadProjection : MultiStreamProjection<RoutingThread, Guid>
{
    public RoutingThreadProjection()
    {
        Identity<IConversationEvent>(e => e.ConversationId);
    }

    public override RoutingThread? Evolve(RoutingThread? row, Guid id, IEvent e)
    {
        if (e.Data is ConversationStarted started) return new RoutingThread { Id = started.ConversationId, Group = started.Group };
        if (row is null) return null;
        if (e.Data is ThreadStarted thread)
            return new RoutingThread
            {
                Id = row.Id, ThreadId = thread.ThreadId, ThreadNumber = thread.Number, Group = thread.Group, Status = ThreadStatus.Queued,
                PreviousAssigneeId = row.ThreadNumber > 0 ? row.AssigneeId : null,
            };
        if (e.Data is not IThreadEvent te || te.ThreadId != row.ThreadId) return row;

        return e.Data switch
        {
            MessagePosted { AuthorKind: AuthorKind.Agent } => row with { Answered = true },
            ThreadQueued => row with { QueuedAt = e.At(), QueuedSequence = e.Sequence },
            ThreadAssigned a => row with
            {
                AssigneeId = a.AgentId, AssignedAt = e.At(), AssignedVersion = e.Version, Answered = false, Missed = false,
                Status = row.Status == ThreadStatus.Queued ? ThreadStatus.Open : row.Status,
            },
            ThreadUnassigned or AssignmentExpired => Requeued(row, e),
            ThreadTransferred { ToGroup: { } group } => Requeued(row, e) with { Group = group },
            ThreadMissed => row with { Missed = true },
            StatusChanged s => row with { Status = s.Status },
            ThreadClosed => row with { Status = ThreadStatus.Closed },
            ThreadReopened => row.AssigneeId is null
                ? row with { Status = ThreadStatus.Queued, QueuedAt = e.At(), QueuedSequence = e.Sequence, Missed = false }
                : row with { Status = ThreadStatus.Open },
            _ => row,
        };
    }

    /// <summary>
    /// Back in the queue at the place it had: its wait started when it was first queued. A thread that never waited (an
    /// agent's follow-up, theirs from its start) starts waiting now, or the router would never see it.
    /// </summary>
    private static RoutingThread Requeued(RoutingThread row, IEvent e) => row with
    {
        AssigneeId = null, AssignedAt = null, Answered = false,
        Status = row.Status == ThreadStatus.Closed ? row.Status : ThreadStatus.Queued,
        QueuedAt = row.QueuedAt ?? e.At(),
        QueuedSequence = row.QueuedAt is null ? e.Sequence : row.QueuedSequence,
    };
}
