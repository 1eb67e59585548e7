using Chat.Contracts;
using Chat.Domain;
using Chat.Domain.Agents;
using Chat.Domain.CannedResponses;
using Chat.Domain.Conversations;
using Chat.Domain.Macros;
using Chat.Domain.TagCatalogue;
using Chat.Domain.Threads;
using Chat.Projections.Live;
using static Chat.Projections.Catalogue.Who;
using A = Chat.Projections.Live.Audience;
using T = Chat.Contracts.IntegrationEventTypes;

namespace Chat.Projections.Catalogue;

/// <summary>
/// Every stored event type, once: its live payload, who may see it, who caused it and its public form. The live
/// push, the catch-ups, the integration events, webhooks and the auditor's history all read it, so a new event
/// type means its record, the write model's Apply and one entry here (a test fails for an event left out).
/// </summary>
public static class EventCatalogue
{
    private static readonly IEventEntry[] Entries =
    [
        EventEntry.Of<ConversationStarted>(
            live: _ => null, audience: _ => A.Staff, actor: x => Visitor(x.VisitorId),
            publicForm: x => new(T.ConversationStarted, new ConversationStartedV1(x.VisitorId, x.VisitorName, x.Source, x.Group))),
        EventEntry.Of<VisitorContactGiven>(
            live: _ => null, audience: _ => A.Staff, actor: x => Visitor(x.VisitorId),
            publicForm: x => new(T.VisitorContactGiven, new VisitorContactGivenV1(x.Name, x.Email))),
        EventEntry.Of<ThreadOpened>(
            live: _ => null, audience: _ => A.Staff, actor: _ => SystemActor, publicForm: _ => null),
        EventEntry.Of<ThreadStarted>(
            live: x => new ThreadStartedData(x.Number, x.Group), audience: _ => A.Everyone,
            actor: x => x.StartedBy is { } agent ? By(agent) : SystemActor, publicForm: _ => null),
        EventEntry.Of<ThreadQueued>(
            live: x => new ThreadQueuedData(x.Group), audience: _ => A.Everyone, actor: _ => SystemActor,
            publicForm: x => new(T.ThreadQueued, new ThreadQueuedV1(x.Group))),
        EventEntry.Of<MessagePosted>(
            live: x => new MessageData(x.MessageId, x.AuthorKind, x.AuthorId, x.Text, x.ClientMessageId, Attachments: x.Attachments),
            audience: _ => A.Everyone, actor: x => new(Kind(x.AuthorKind), x.AuthorId),
            publicForm: x => new(T.MessagePosted, new MessagePostedV1(x.MessageId, Kind(x.AuthorKind), x.AuthorId, x.Text,
                x.Attachments?.Select(f => new AttachmentV1(f.AttachmentId, f.Name, f.ContentType, f.Size, f.Sha256)).ToList()))),
        EventEntry.Of<PrivateNoteAdded>(
            live: x => new NoteData(x.NoteId, x.AgentId, x.Text, x.ClientMessageId), audience: _ => A.Staff,
            actor: x => Agent(x.AgentId), publicForm: _ => null),
        EventEntry.Of<MessageEdited>(
            live: x => new MessageEditedData(x.MessageId, x.Text, x.EditedBy), audience: x => x.IsPrivateNote ? A.Staff : A.Everyone,
            actor: x => By(x.EditedBy),
            publicForm: x => x.IsPrivateNote ? null : new(T.MessageEdited, new MessageEditedV1(x.MessageId, x.Text))),
        EventEntry.Of<MessageDeleted>(
            live: x => new MessageDeletedData(x.MessageId, x.DeletedBy), audience: x => x.IsPrivateNote ? A.Staff : A.Everyone,
            actor: x => By(x.DeletedBy),
            publicForm: x => x.IsPrivateNote ? null : new(T.MessageDeleted, new MessageDeletedV1(x.MessageId))),
        EventEntry.Of<MessagesRead>(
            live: x => new ReadData(x.Side, x.ReaderId, x.UpToVersion), audience: _ => A.Everyone,
            actor: x => new(x.Side == ReaderSide.Visitor ? "visitor" : "agent", x.ReaderId), publicForm: _ => null),
        EventEntry.Of<ThreadAssigned>(
            live: x => new AssignedData(x.AgentId, x.PreviousAgentId, x.AssignedBy), audience: _ => A.Everyone, actor: x => By(x.AssignedBy),
            publicForm: x => new(T.ThreadAssigned, new ThreadAssignedV1(x.AgentId, x.PreviousAgentId))),
        EventEntry.Of<ThreadUnassigned>(
            live: x => new UnassignedData(x.PreviousAgentId, x.UnassignedBy), audience: _ => A.Everyone, actor: x => By(x.UnassignedBy),
            publicForm: x => new(T.ThreadUnassigned, new ThreadUnassignedV1(x.PreviousAgentId))),
        EventEntry.Of<ThreadTagged>(
            live: x => new TagData(x.Tag, x.TaggedBy), audience: _ => A.Staff, actor: x => By(x.TaggedBy),
            publicForm: x => new(T.ThreadTagged, new ThreadTaggedV1(x.Tag))),
        EventEntry.Of<ThreadUntagged>(
            live: x => new TagData(x.Tag, x.UntaggedBy), audience: _ => A.Staff, actor: x => By(x.UntaggedBy),
            publicForm: x => new(T.ThreadUntagged, new ThreadTaggedV1(x.Tag))),
        EventEntry.Of<PriorityChanged>(
            live: x => new PriorityData(x.Priority, x.ChangedBy), audience: _ => A.Staff, actor: x => By(x.ChangedBy),
            publicForm: x => new(T.PriorityChanged, new PriorityChangedV1(x.Priority.ToString().ToLowerInvariant()))),
        EventEntry.Of<StatusChanged>(
            live: x => new StatusData(x.Status, x.SnoozedUntil, x.ChangedBy), audience: _ => A.Staff, actor: x => By(x.ChangedBy),
            publicForm: x => new(T.StatusChanged, new StatusChangedV1(x.Status.ToString().ToLowerInvariant(), x.SnoozedUntil, x.Reason))),
        EventEntry.Of<ThreadClosed>(
            live: x => new ClosedData(x.ClosedByKind, x.ClosedBy, x.Reason), audience: _ => A.Everyone,
            actor: x => new(Kind(x.ClosedByKind), x.ClosedBy), publicForm: x => new(T.ThreadClosed, new ThreadClosedV1(x.Reason))),
        EventEntry.Of<ThreadReopened>(
            live: x => new ReopenedData(x.ReopenedBy), audience: _ => A.Everyone, actor: x => By(x.ReopenedBy),
            publicForm: _ => new(T.ThreadReopened, new ThreadReopenedV1())),
        EventEntry.Of<ThreadRated>(
            live: x => new RatedData(x.Score, x.Comment), audience: _ => A.Everyone, actor: x => Visitor(x.VisitorId),
            publicForm: x => new(T.ThreadRated, new ThreadRatedV1(x.Score, x.Comment))),
        EventEntry.Of<ThreadRouted>(
            live: x => new RoutedData(x.AgentId, x.Group, x.Strategy, x.Candidates), audience: _ => A.Staff, actor: _ => Router,
            publicForm: _ => null),
        EventEntry.Of<AssignmentExpired>(
            live: x => new AssignmentExpiredData(x.AgentId, x.Reason), audience: _ => A.Staff, actor: _ => Router,
            publicForm: x => new(T.AssignmentExpired, new AssignmentExpiredV1(x.AgentId, x.Reason))),
        // Staff see the transfer in full; the visitor a quiet line without its reason or who made it.
        EventEntry.Of<ThreadTransferred>(
            live: x => new TransferredData(x.FromAgentId, x.ToAgentId, x.ToGroup, x.Reason, x.TransferredBy), audience: _ => A.Redacted,
            actor: x => By(x.TransferredBy),
            publicForm: x => new(T.ThreadTransferred, new ThreadTransferredV1(x.FromAgentId, x.ToAgentId, x.ToGroup, x.Reason))),
        EventEntry.Of<ThreadMissed>(
            live: x => new MissedData(x.Waited.TotalSeconds), audience: _ => A.Everyone, actor: _ => Router,
            publicForm: x => new(T.ThreadMissed, new ThreadMissedV1(x.Waited.TotalSeconds))),
        EventEntry.Of<AgentStatusChanged>(
            live: _ => null, audience: _ => A.Staff,
            actor: x => x.Reason == PresenceReasons.SetByAgent ? Agent(x.AgentId) : SystemActor,
            publicForm: x => new(T.AgentStatusChanged, new AgentStatusChangedV1(x.AgentId, x.Status.ToString(), x.Previous.ToString(), x.Reason))),
        // A macro's definition is the workspace's business alone: no live push, no public form.
        EventEntry.Of<MacroCreated>(live: _ => null, audience: _ => A.Staff, actor: x => By(x.CreatedBy), publicForm: _ => null),
        EventEntry.Of<MacroChanged>(live: _ => null, audience: _ => A.Staff, actor: x => By(x.ChangedBy), publicForm: _ => null),
        EventEntry.Of<MacroDeleted>(live: _ => null, audience: _ => A.Staff, actor: x => By(x.DeletedBy), publicForm: _ => null),
        EventEntry.Of<MacroRestored>(live: _ => null, audience: _ => A.Staff, actor: x => By(x.RestoredBy), publicForm: _ => null),
        // The workspace's catalogue of canned responses and tags: read through their own read models, never pushed
        // live or sent downstream.
        EventEntry.Of<CannedResponseCreated>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.CreatedBy), publicForm: _ => null),
        EventEntry.Of<CannedResponseEdited>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.EditedBy), publicForm: _ => null),
        EventEntry.Of<CannedResponseDeleted>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.DeletedBy), publicForm: _ => null),
        EventEntry.Of<CannedResponseRestored>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.RestoredBy), publicForm: _ => null),
        EventEntry.Of<TagCreated>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.CreatedBy), publicForm: _ => null),
        EventEntry.Of<TagRenamed>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.RenamedBy), publicForm: _ => null),
        EventEntry.Of<TagRecoloured>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.ChangedBy), publicForm: _ => null),
        EventEntry.Of<TagDeleted>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.DeletedBy), publicForm: _ => null),
        EventEntry.Of<TagRestored>(live: _ => null, audience: _ => A.Staff, actor: x => Agent(x.RestoredBy), publicForm: _ => null),
    ];

    private static readonly Dictionary<Type, IEventEntry> ByType = Entries.ToDictionary(e => e.EventType);

    public static IReadOnlyCollection<Type> EventTypes => ByType.Keys;

    /// <summary>The entry of a stored event's data; an event type missing from the catalogue is a programming error.</summary>
    public static IEventEntry For(object data) =>
        ByType.TryGetValue(data.GetType(), out var entry) ? entry
            : throw new InvalidOperationException($"{data.GetType().Name} has no entry in the event catalogue.");

    /// <summary>The entry of a stored event's data, or null for a type the catalogue does not know (never one of Chat's own).</summary>
    public static IEventEntry? Find(object data) => ByType.GetValueOrDefault(data.GetType());

    private static string Kind(AuthorKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>The actors the catalogue names.</summary>
internal static class Who
{
    public static IntegrationActor SystemActor { get; } = new("system", Actor.System.Id);
    public static IntegrationActor Router { get; } = new("system", "router");
    public static IntegrationActor Visitor(string id) => new("visitor", id);
    public static IntegrationActor Agent(Guid id) => new("agent", id.ToString());

    /// <summary>An agent's id, or a system actor's name (the router, a timeout).</summary>
    public static IntegrationActor By(string id) => Guid.TryParse(id, out _) ? new("agent", id) : new("system", id);
}
