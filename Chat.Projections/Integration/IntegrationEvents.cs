using Chat.Contracts;
using Chat.Domain;
using Chat.Domain.Agents;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using JasperFx.Events;
using T = Chat.Contracts.IntegrationEventTypes;

namespace Chat.Projections.Integration;

/// <summary>Translates stored domain events into the public contract; internal facts have no translation.</summary>
public static class IntegrationEvents
{
    public static IntegrationEvent? From(IEvent e)
    {
        (string Type, object Data)? translated = e.Data switch
        {
            ConversationStarted x => (T.ConversationStarted, new ConversationStartedV1(x.VisitorId, x.VisitorName, x.Source, x.Group)),
            VisitorContactGiven x => (T.VisitorContactGiven, new VisitorContactGivenV1(x.Name, x.Email)),
            ThreadQueued x => (T.ThreadQueued, new ThreadQueuedV1(x.Group)),
            ThreadAssigned x => (T.ThreadAssigned, new ThreadAssignedV1(x.AgentId, x.PreviousAgentId)),
            ThreadUnassigned x => (T.ThreadUnassigned, new ThreadUnassignedV1(x.PreviousAgentId)),
            AssignmentExpired x => (T.AssignmentExpired, new AssignmentExpiredV1(x.AgentId, x.Reason)),
            ThreadMissed x => (T.ThreadMissed, new ThreadMissedV1(x.Waited.TotalSeconds)),
            PriorityChanged x => (T.PriorityChanged, new PriorityChangedV1(x.Priority.ToString().ToLowerInvariant())),
            StatusChanged x => (T.StatusChanged, new StatusChangedV1(x.Status.ToString().ToLowerInvariant(), x.SnoozedUntil)),
            ThreadTransferred x => (T.ThreadTransferred, new ThreadTransferredV1(x.FromAgentId, x.ToAgentId, x.ToGroup, x.Reason)),
            ThreadClosed x => (T.ThreadClosed, new ThreadClosedV1(x.Reason)),
            ThreadReopened => (T.ThreadReopened, new ThreadReopenedV1()),
            MessagePosted x => (T.MessagePosted, new MessagePostedV1(x.MessageId, x.AuthorKind.ToString().ToLowerInvariant(), x.AuthorId, x.Text)),
            MessageEdited { IsPrivateNote: false } x => (T.MessageEdited, new MessageEditedV1(x.MessageId, x.Text)),
            MessageDeleted { IsPrivateNote: false } x => (T.MessageDeleted, new MessageDeletedV1(x.MessageId)),
            ThreadRated x => (T.ThreadRated, new ThreadRatedV1(x.Score, x.Comment)),
            ThreadTagged x => (T.ThreadTagged, new ThreadTaggedV1(x.Tag)),
            ThreadUntagged x => (T.ThreadUntagged, new ThreadTaggedV1(x.Tag)),
            AgentStatusChanged x => (T.AgentStatusChanged, new AgentStatusChangedV1(x.AgentId, x.Status.ToString(), x.Previous.ToString(), x.Reason)),
            _ => null,
        };
        if (translated is not { } translation) return null;
        var (type, data) = translation;

        var conversationId = (e.Data as IConversationEvent)?.ConversationId;
        // Facts of the conversation stream itself (started, contact given) belong to no thread.
        var threadId = conversationId is null || e.StreamId == conversationId ? null : (Guid?)e.StreamId;
        return new IntegrationEvent(e.Id, type, T.SchemaVersion, e.TenantId, conversationId, threadId, e.StreamId, e.Version,
            e.Sequence, e.At(), Actors.Of(e.Data), data);
    }
}
