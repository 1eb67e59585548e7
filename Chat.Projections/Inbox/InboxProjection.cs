using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using JasperFx.Events;
using Chat.Contracts;
using Chat.Projections.Integration;
using Chat.Projections.Live;
using Marten;
using Marten.Events.Projections;

namespace Chat.Projections.Inbox;

/// <summary>Folds the conversation stream and all its thread streams into one inbox row.</summary>
public sealed partial class InboxProjection : MultiStreamProjection<InboxItem, Guid>
{
    private const int PreviewLength = 140;

    public InboxProjection()
    {
        Identity<IConversationEvent>(e => e.ConversationId);
    }

    public override InboxItem? Evolve(InboxItem? item, Guid id, IEvent e)
    {
        if (e.Data is ConversationStarted started)
            return new InboxItem
            {
                Id = started.ConversationId, VisitorId = started.VisitorId, VisitorName = started.VisitorName, VisitorVerified = started.VisitorVerified, VisitorEmail = started.VisitorEmail,
                Group = started.Group, StartedAt = e.At(), LastActivityAt = e.At(),
                LastActivitySequence = e.Sequence,
            };
        if (item is null) return null;

        var changed = e.Data is VisitorContactGiven contact
            ? item with { VisitorName = contact.Name, VisitorEmail = contact.Email }
            : ApplyToCurrentThread(item, e);
        return e.Data is MessagesRead ? changed : changed with { LastActivityAt = e.At(), LastActivitySequence = e.Sequence };
    }

    /// <summary>
    /// After the commit, tells every node what changed so that it can push to its clients. One message per
    /// conversation and transaction keeps the facts in stream order.
    /// </summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<InboxItem> slice)
    {
        var events = slice.Events();
        var live = events.Select(LiveEvents.From).OfType<LiveEvent>().ToList();
        if (live.Count > 0 || slice.Snapshot is not null)
        {
            var newlyWaiting = events.Any(e => e.Data is ThreadQueued);
            slice.PublishMessage(new ConversationChanged(events[0].TenantId, slice.Snapshot?.Id ?? live[0].ConversationId,
                live, slice.Snapshot, newlyWaiting));
        }
        return ValueTask.CompletedTask;
    }

    private static InboxItem ApplyToCurrentThread(InboxItem item, IEvent e)
    {
        if (e.Data is ThreadStarted started)
            return item with
            {
                ThreadId = started.ThreadId, ThreadNumber = started.Number, Group = started.Group,
                Status = ThreadStatus.Queued, AssigneeId = null, Tags = [], Priority = Priority.None, SnoozedUntil = null,
                QueuedAt = null,
                UnreadVisitorMessageVersions = [], UnreadAgentMessageVersions = [], UnreadForAgents = 0, UnreadForVisitor = 0,
            };

        // Older threads may still change (an auditor's view keeps them), but the inbox shows the current one.
        if (e.Data is not IConversationEvent { } ce || ThreadIdOf(ce) != item.ThreadId) return item;

        return e.Data switch
        {
            MessagePosted m => Posted(item, m, e),
            MessageEdited { IsPrivateNote: false } m when m.MessageId == item.LastMessageId =>
                item with { LastMessagePreview = Preview(m.Text) },
            MessageDeleted { IsPrivateNote: false } m => Deleted(item, m, e.Version),
            MessagesRead r => Read(item, r),
            ThreadQueued => item with { QueuedAt = e.At() },
            ThreadAssigned a => Assigned(item, a.AgentId),
            ThreadUnassigned => Requeued(item),
            AssignmentExpired => Requeued(item),
            ThreadTransferred { ToGroup: { } group } => Requeued(item) with { Group = group },
            ThreadTagged t => item with { Tags = [.. item.Tags.Append(t.Tag).Order()] },
            ThreadUntagged t => item with { Tags = [.. item.Tags.Where(x => x != t.Tag)] },
            PriorityChanged p => item with { Priority = p.Priority },
            StatusChanged s => item with { Status = s.Status, SnoozedUntil = s.SnoozedUntil },
            ThreadClosed => item with { Status = ThreadStatus.Closed, WaitingSince = null, SnoozedUntil = null },
            ThreadReopened => item.AssigneeId is null
                ? item with { Status = ThreadStatus.Queued, QueuedAt = e.At() }
                : item with { Status = ThreadStatus.Open },
            _ => item,
        };
    }

    /// <summary>A message of files alone is previewed by their names.</summary>
    private static string PreviewText(MessagePosted m) =>
        m.Text.Length == 0 && m.Attachments is { Count: > 0 } files ? string.Join(", ", files.Select(f => f.Name)) : m.Text;

    private static InboxItem Posted(InboxItem item, MessagePosted m, IEvent e)
    {
        var posted = item with
        {
            LastMessageId = m.MessageId, LastMessagePreview = Preview(PreviewText(m)), LastMessageAuthor = m.AuthorKind,
            LastMessageAt = e.At(),
        };
        return m.AuthorKind switch
        {
            AuthorKind.Visitor => (posted with { WaitingSince = item.WaitingSince ?? e.At() }) with
            {
                UnreadVisitorMessageVersions = Kept([.. item.UnreadVisitorMessageVersions, e.Version]),
                UnreadForAgents = item.UnreadForAgents + 1,
            },
            AuthorKind.Agent => (posted with { WaitingSince = null }) with
            {
                UnreadAgentMessageVersions = Kept([.. item.UnreadAgentMessageVersions, e.Version]),
                UnreadForVisitor = item.UnreadForVisitor + 1,
            },
            _ => posted,
        };
    }

    /// <summary>
    /// The most recent unread versions only, so that the row (rewritten on every message) keeps its size however long
    /// nobody reads. The counts stay exact whenever a read reaches the oldest kept version, as reading up to the
    /// latest message always does.
    /// </summary>
    public const int UnreadVersionsKept = 100;

    private static IReadOnlyList<long> Kept(IReadOnlyList<long> versions) =>
        versions.Count > UnreadVersionsKept ? [.. versions.Skip(versions.Count - UnreadVersionsKept)] : versions;

    private static InboxItem Assigned(InboxItem item, Guid agentId) => item with
    {
        AssigneeId = agentId,
        Status = item.Status == ThreadStatus.Queued ? ThreadStatus.Open : item.Status,
    };

    /// <summary>Back in the queue at the place it had: its wait started when it was first queued.</summary>
    private static InboxItem Requeued(InboxItem item) => item with
    {
        AssigneeId = null,
        Status = item.Status == ThreadStatus.Closed ? item.Status : ThreadStatus.Queued,
    };

    private static InboxItem Deleted(InboxItem item, MessageDeleted m, long version)
    {
        var shown = m.MessageId == item.LastMessageId ? item with { LastMessagePreview = null } : item;
        // The deleted message's own version is not known here; what was unread stays counted until read.
        _ = version;
        return shown;
    }

    private static InboxItem Read(InboxItem item, MessagesRead r)
    {
        if (r.Side == ReaderSide.Agent)
        {
            var (versions, count) = AfterRead(item.UnreadVisitorMessageVersions, item.UnreadForAgents, r.UpToVersion);
            return item with { UnreadVisitorMessageVersions = versions, UnreadForAgents = count };
        }
        var (agentVersions, agentCount) = AfterRead(item.UnreadAgentMessageVersions, item.UnreadForVisitor, r.UpToVersion);
        return item with { UnreadAgentMessageVersions = agentVersions, UnreadForVisitor = agentCount };
    }

    /// <summary>
    /// What stays unread after a read up to a version. Unread messages older than the kept versions are all older than
    /// the first kept one: a read reaching it has read them all; one that stops short leaves the count as it was.
    /// </summary>
    private static (IReadOnlyList<long> Versions, int Count) AfterRead(IReadOnlyList<long> kept, int count, long upToVersion)
    {
        IReadOnlyList<long> remaining = [.. kept.Where(v => v > upToVersion)];
        var readsAllOlder = kept.Count == 0 || upToVersion >= kept[0];
        return (remaining, readsAllOlder ? remaining.Count : count - (kept.Count - remaining.Count));
    }

    private static Guid? ThreadIdOf(IConversationEvent e) => e switch
    {
        ThreadOpened o => o.ThreadId,
        IThreadEvent t => t.ThreadId,
        _ => null,
    };

    private static string Preview(string text) => text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";
}
