namespace Chat.Contracts;

/// <summary>Who caused a fact: a visitor, an agent, or the system (the router, a timeout).</summary>
public sealed record IntegrationActor(string Kind, string Id);

/// <summary>
/// Version 1 of the public event contract. <see cref="EventId"/> is the stored event's own id, the same on
/// every redelivery, so consumers deduplicate on it. <see cref="Sequence"/> is the event's global
/// position: within one conversation it only grows, so consumers can also order by it.
/// </summary>
public sealed record IntegrationEvent(
    Guid EventId,
    string Type,
    int SchemaVersion,
    string WorkspaceId,
    Guid? ConversationId,
    Guid? ThreadId,
    Guid StreamId,
    long StreamVersion,
    long Sequence,
    DateTimeOffset OccurredAt,
    IntegrationActor Actor,
    object Data);

/// <summary>The event types, which are also the RabbitMQ routing keys of the <c>chat.events</c> topic exchange.</summary>
public static class IntegrationEventTypes
{
    public const string Exchange = "chat.events";
    public const int SchemaVersion = 1;

    public const string ConversationStarted = "conversation.started";
    public const string VisitorContactGiven = "visitor.contact_given";
    public const string ThreadQueued = "thread.queued";
    public const string ThreadAssigned = "thread.assigned";
    public const string ThreadUnassigned = "thread.unassigned";
    public const string AssignmentExpired = "thread.assignment_expired";
    public const string ThreadTransferred = "thread.transferred";
    public const string ThreadMissed = "thread.missed";
    public const string PriorityChanged = "thread.priority_changed";
    public const string StatusChanged = "thread.status_changed";
    public const string ThreadClosed = "thread.closed";
    public const string ThreadReopened = "thread.reopened";
    public const string MessagePosted = "message.posted";
    public const string MessageEdited = "message.edited";
    public const string MessageDeleted = "message.deleted";
    public const string ThreadRated = "thread.rated";
    public const string ThreadTagged = "thread.tagged";
    public const string ThreadUntagged = "thread.untagged";
    public const string AgentStatusChanged = "agent.status_changed";

    public static readonly IReadOnlyList<string> All =
    [
        ConversationStarted, VisitorContactGiven, ThreadQueued, ThreadAssigned, ThreadUnassigned, AssignmentExpired, ThreadTransferred,
        ThreadMissed, PriorityChanged, StatusChanged, ThreadClosed, ThreadReopened, MessagePosted, MessageEdited, MessageDeleted, ThreadRated,
        ThreadTagged, ThreadUntagged, AgentStatusChanged,
    ];
}

public sealed record ConversationStartedV1(string VisitorId, string? VisitorName, string Source, string Group);
/// <summary>How the visitor can be reached, left with a message nobody could answer at once: what a CRM or help desk follows up on.</summary>
public sealed record VisitorContactGivenV1(string? Name, string Email);
public sealed record ThreadQueuedV1(string Group);
public sealed record ThreadAssignedV1(Guid AgentId, Guid? PreviousAgentId);
/// <summary>The agent let the thread go, or a supervisor took it from them: it waits in the queue again.</summary>
public sealed record ThreadUnassignedV1(Guid PreviousAgentId);
/// <summary>An assignment ended without anyone asking: the agent did not answer in time, or went offline.</summary>
public sealed record AssignmentExpiredV1(Guid AgentId, string Reason);
/// <summary>Nobody was free within the longest wait allowed.</summary>
public sealed record ThreadMissedV1(double WaitedSeconds);
public sealed record PriorityChangedV1(string Priority);
/// <summary>Status is open, pending or snoozed (with the time it wakes); closing and reopening have events of their own.</summary>
public sealed record StatusChangedV1(string Status, DateTimeOffset? SnoozedUntil, string? Reason = null);
public sealed record ThreadTransferredV1(Guid? FromAgentId, Guid? ToAgentId, string? ToGroup, string? Reason);
public sealed record ThreadClosedV1(string? Reason);
public sealed record ThreadReopenedV1;
/// <summary><see cref="Attachments"/> came later and is optional: a consumer of schema version 1 may ignore it.</summary>
public sealed record MessagePostedV1(Guid MessageId, string AuthorKind, string AuthorId, string Text,
    IReadOnlyList<AttachmentV1>? Attachments = null);
public sealed record AttachmentV1(Guid AttachmentId, string Name, string ContentType, long Size, string Sha256);
public sealed record MessageEditedV1(Guid MessageId, string Text);
public sealed record MessageDeletedV1(Guid MessageId);
public sealed record ThreadRatedV1(int Score, string? Comment);
public sealed record ThreadTaggedV1(string Tag);
public sealed record AgentStatusChangedV1(Guid AgentId, string Status, string Previous, string Reason);
