using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Chat.Projections.Conversations;

/// <summary>Folds the conversation stream and its thread streams into the conversation's detail.</summary>
public sealed partial class ConversationDetailProjection : MultiStreamProjection<ConversationDetail, Guid>
{
    public ConversationDetailProjection()
    {
        // Only what changes the detail is routed to it: messages, notes and reads leave it as it is, and
        // filtering them out spares the busiest commands a load and a write of this document.
        Identity<ConversationStarted>(e => e.ConversationId);
        Identity<VisitorContactGiven>(e => e.ConversationId);
        Identity<ThreadStarted>(e => e.ConversationId);
        Identity<ThreadAssigned>(e => e.ConversationId);
        Identity<ThreadUnassigned>(e => e.ConversationId);
        Identity<AssignmentExpired>(e => e.ConversationId);
        Identity<ThreadTransferred>(e => e.ConversationId);
        Identity<ThreadMissed>(e => e.ConversationId);
        Identity<ThreadTagged>(e => e.ConversationId);
        Identity<ThreadUntagged>(e => e.ConversationId);
        Identity<PriorityChanged>(e => e.ConversationId);
        Identity<StatusChanged>(e => e.ConversationId);
        Identity<ThreadClosed>(e => e.ConversationId);
        Identity<ThreadReopened>(e => e.ConversationId);
        Identity<ThreadRated>(e => e.ConversationId);
    }

    public override ConversationDetail? Evolve(ConversationDetail? detail, Guid id, IEvent e)
    {
        if (e.Data is ConversationStarted s)
            return new ConversationDetail
            {
                Id = s.ConversationId, VisitorId = s.VisitorId, VisitorName = s.VisitorName, VisitorVerified = s.VisitorVerified, VisitorEmail = s.VisitorEmail,
                VerifiedEmail = s.VisitorVerified ? s.VisitorEmail : null, Source = s.Source, Group = s.Group, StartedAt = e.At(),
            };
        if (detail is null) return null;

        var next = detail;
        return e.Data switch
        {
            VisitorContactGiven c => next with { VisitorName = c.Name, VisitorEmail = c.Email },
            ThreadStarted t => next with
            {
                CurrentThreadId = t.ThreadId,
                Threads = [.. detail.Threads, new ThreadSummary { ThreadId = t.ThreadId, Number = t.Number, StartedAt = e.At() }],
            },
            ThreadAssigned a => Change(next, a.ThreadId, t => t with
            {
                AssigneeId = a.AgentId, Status = t.Status == ThreadStatus.Queued ? ThreadStatus.Open : t.Status,
            }),
            ThreadUnassigned u => Change(next, u.ThreadId, t => t with
            {
                AssigneeId = null, Status = t.Status == ThreadStatus.Closed ? t.Status : ThreadStatus.Queued,
            }),
            AssignmentExpired x => Change(next, x.ThreadId, t => t with
            {
                AssigneeId = null, Status = t.Status == ThreadStatus.Closed ? t.Status : ThreadStatus.Queued,
            }),
            ThreadTransferred { ToGroup: not null } x => Change(next, x.ThreadId, t => t with { AssigneeId = null, Status = ThreadStatus.Queued }),
            ThreadMissed x => Change(next, x.ThreadId, t => t with { Missed = true }),
            ThreadTagged t => Change(next, t.ThreadId, x => x with { Tags = [.. x.Tags.Append(t.Tag).Order()] }),
            ThreadUntagged t => Change(next, t.ThreadId, x => x with { Tags = [.. x.Tags.Where(tag => tag != t.Tag)] }),
            PriorityChanged p => Change(next, p.ThreadId, x => x with { Priority = p.Priority }),
            StatusChanged c => Change(next, c.ThreadId, x => x with { Status = c.Status, SnoozedUntil = c.SnoozedUntil }),
            ThreadClosed c => Change(next, c.ThreadId, x => x with
            {
                Status = ThreadStatus.Closed, SnoozedUntil = null, ClosedAt = e.At(), ClosedByKind = c.ClosedByKind,
                ClosedBy = c.ClosedBy, CloseReason = c.Reason,
            }),
            ThreadReopened r => Change(next, r.ThreadId, x => x with
            {
                Status = x.AssigneeId is null ? ThreadStatus.Queued : ThreadStatus.Open, ClosedAt = null, ClosedByKind = null,
                ClosedBy = null, CloseReason = null,
            }),
            ThreadRated r => Change(next, r.ThreadId, x => x with { Rating = r.Score, RatingComment = r.Comment }),
            _ => next,
        };
    }

    private static ConversationDetail Change(ConversationDetail detail, Guid threadId, Func<ThreadSummary, ThreadSummary> change) =>
        detail with { Threads = [.. detail.Threads.Select(t => t.ThreadId == threadId ? change(t) : t)] };
}
