using Chat.Domain.Threads;
using JasperFx.Events;

namespace Chat.Projections.Live;

/// <summary>Turns stored thread events into the small payloads clients receive.</summary>
public static class LiveEvents
{
    public static LiveEvent? From(IEvent e)
    {
        object? data = e.Data switch
        {
            ThreadStarted x => new ThreadStartedData(x.Number, x.Group),
            ThreadQueued x => new ThreadQueuedData(x.Group),
            MessagePosted x => new MessageData(x.MessageId, x.AuthorKind, x.AuthorId, x.Text, x.ClientMessageId),
            PrivateNoteAdded x => new NoteData(x.NoteId, x.AgentId, x.Text, x.ClientMessageId),
            MessageEdited x => new MessageEditedData(x.MessageId, x.Text, x.EditedBy),
            MessageDeleted x => new MessageDeletedData(x.MessageId, x.DeletedBy),
            MessagesRead x => new ReadData(x.Side, x.ReaderId, x.UpToVersion),
            ThreadAssigned x => new AssignedData(x.AgentId, x.PreviousAgentId, x.AssignedBy),
            ThreadUnassigned x => new UnassignedData(x.PreviousAgentId, x.UnassignedBy),
            ThreadTagged x => new TagData(x.Tag, x.TaggedBy),
            ThreadUntagged x => new TagData(x.Tag, x.UntaggedBy),
            PriorityChanged x => new PriorityData(x.Priority, x.ChangedBy),
            StatusChanged x => new StatusData(x.Status, x.SnoozedUntil, x.ChangedBy),
            ThreadClosed x => new ClosedData(x.ClosedByKind, x.ClosedBy, x.Reason),
            ThreadReopened x => new ReopenedData(x.ReopenedBy),
            ThreadRated x => new RatedData(x.Score, x.Comment),
            ThreadRouted x => new RoutedData(x.AgentId, x.Group, x.Strategy, x.Candidates),
            AssignmentExpired x => new AssignmentExpiredData(x.AgentId, x.Reason),
            ThreadTransferred x => new TransferredData(x.FromAgentId, x.ToAgentId, x.ToGroup, x.Reason, x.TransferredBy),
            ThreadMissed x => new MissedData(x.Waited.TotalSeconds),
            _ => null,
        };
        if (data is null || e.Data is not Chat.Domain.IConversationEvent conversationEvent) return null;

        return new LiveEvent(conversationEvent.ConversationId, e.StreamId, e.Version, e.EventTypeName, e.At(),
            Visibility.AudienceOf(e.Data), data);
    }
}
