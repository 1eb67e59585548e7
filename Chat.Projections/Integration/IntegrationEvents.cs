using Chat.Contracts;
using Chat.Domain;
using Chat.Domain.Agents;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using JasperFx.Events;
using T = Chat.Contracts.IntegrationEventTypes;

namespace Chat.Projections.Integration;

/// <summary>
/// The integration events of one committed transaction, in stream order. Published from the projections'
/// side effects through Wolverine's durable outbox, in the same transaction as the events themselves.
/// </summary>
public sealed record IntegrationBatch(string WorkspaceId, IReadOnlyList<IntegrationEvent> Events);

/// <summary>Translates stored domain events into the public contract; internal facts have no translation.</summary>
public static class IntegrationEvents
{
    public static IntegrationEvent? From(IEvent e)
    {
        var translated = e.Data switch
        {
            ConversationStarted x => (T.ConversationStarted, Visitor(x.VisitorId), new ConversationStartedV1(x.VisitorId, x.VisitorName, x.Source, x.Group)),
            ThreadQueued x => (T.ThreadQueued, System, new ThreadQueuedV1(x.Group)),
            ThreadAssigned x => (T.ThreadAssigned, By(x.AssignedBy), new ThreadAssignedV1(x.AgentId, x.PreviousAgentId)),
            ThreadTransferred x => (T.ThreadTransferred, By(x.TransferredBy), new ThreadTransferredV1(x.FromAgentId, x.ToAgentId, x.ToGroup, x.Reason)),
            ThreadClosed x => (T.ThreadClosed, new IntegrationActor(Kind(x.ClosedByKind), x.ClosedBy), new ThreadClosedV1(x.Reason)),
            ThreadReopened x => (T.ThreadReopened, By(x.ReopenedBy), new ThreadReopenedV1()),
            MessagePosted x => (T.MessagePosted, new IntegrationActor(Kind(x.AuthorKind), x.AuthorId),
                new MessagePostedV1(x.MessageId, Kind(x.AuthorKind), x.AuthorId, x.Text)),
            MessageEdited { IsPrivateNote: false } x => (T.MessageEdited, By(x.EditedBy), new MessageEditedV1(x.MessageId, x.Text)),
            MessageDeleted { IsPrivateNote: false } x => (T.MessageDeleted, By(x.DeletedBy), new MessageDeletedV1(x.MessageId)),
            ThreadRated x => (T.ThreadRated, Visitor(x.VisitorId), new ThreadRatedV1(x.Score, x.Comment)),
            ThreadTagged x => (T.ThreadTagged, By(x.TaggedBy), new ThreadTaggedV1(x.Tag)),
            ThreadUntagged x => (T.ThreadUntagged, By(x.UntaggedBy), new ThreadTaggedV1(x.Tag)),
            AgentStatusChanged x => (T.AgentStatusChanged, x.Reason == PresenceReasons.SetByAgent ? Agent(x.AgentId) : System,
                (object)new AgentStatusChangedV1(x.AgentId, x.Status.ToString(), x.Previous.ToString(), x.Reason)),
            _ => default((string, IntegrationActor, object)?),
        };
        if (translated is not var (type, actor, data)) return null;

        var conversationId = (e.Data as IConversationEvent)?.ConversationId;
        var threadId = conversationId is null || e.Data is ConversationStarted ? null : (Guid?)e.StreamId;
        return new IntegrationEvent(e.Id, type, T.SchemaVersion, e.TenantId, conversationId, threadId, e.StreamId, e.Version,
            e.Sequence, e.At(), actor, data);
    }

    private static readonly IntegrationActor System = new("system", Actor.System.Id);

    private static IntegrationActor Visitor(string id) => new("visitor", id);

    private static IntegrationActor Agent(Guid id) => new("agent", id.ToString());

    /// <summary>"By" fields hold an agent's id, or a name of the system such as "router".</summary>
    private static IntegrationActor By(string id) => Guid.TryParse(id, out _) ? new("agent", id) : new("system", id);

    private static string Kind(AuthorKind kind) => kind.ToString().ToLowerInvariant();
}
