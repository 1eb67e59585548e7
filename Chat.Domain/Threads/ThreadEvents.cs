namespace Chat.Domain.Threads;

// Every thread event names its conversation too, so that read models keyed by conversation
// can follow any thread of it.

public enum ThreadStatus { Queued, Open, Pending, Snoozed, Closed }

public enum Priority { None, Low, Medium, High, Urgent }

public enum ReaderSide { Visitor, Agent }

/// <summary>A thread begins: with a visitor's message, or, StartedBy naming them, with an agent's follow-up.</summary>
public sealed record ThreadStarted(Guid ConversationId, Guid ThreadId, int Number, string Group, DateTimeOffset StartedAt,
    string? StartedBy = null) : IThreadEvent;

public sealed record ThreadQueued(Guid ConversationId, Guid ThreadId, string Group, DateTimeOffset QueuedAt) : IThreadEvent;

/// <summary>
/// <see cref="Attachments"/> came later: an optional property, so events stored before it read as messages without
/// files, and no upcaster is needed.
/// </summary>
public sealed record MessagePosted(
    Guid ConversationId, Guid ThreadId, Guid MessageId, AuthorKind AuthorKind, string AuthorId, string Text,
    string ClientMessageId, DateTimeOffset PostedAt, IReadOnlyList<Messaging.AttachedFile>? Attachments = null) : IThreadEvent;

public sealed record PrivateNoteAdded(
    Guid ConversationId, Guid ThreadId, Guid NoteId, Guid AgentId, string Text, string ClientMessageId,
    DateTimeOffset AddedAt) : IThreadEvent;

/// <summary>The new text replaces the shown one; the original stays in the stream's history.</summary>
public sealed record MessageEdited(
    Guid ConversationId, Guid ThreadId, Guid MessageId, bool IsPrivateNote, string Text, string EditedBy,
    DateTimeOffset EditedAt) : IThreadEvent;

/// <summary>The message is hidden from the thread; the original stays in the stream's history.</summary>
public sealed record MessageDeleted(
    Guid ConversationId, Guid ThreadId, Guid MessageId, bool IsPrivateNote, string DeletedBy, DateTimeOffset DeletedAt) : IThreadEvent;

public sealed record MessagesRead(
    Guid ConversationId, Guid ThreadId, ReaderSide Side, string ReaderId, long UpToVersion, DateTimeOffset ReadAt) : IThreadEvent;

public sealed record ThreadAssigned(
    Guid ConversationId, Guid ThreadId, Guid AgentId, Guid? PreviousAgentId, string AssignedBy, DateTimeOffset AssignedAt) : IThreadEvent;

public sealed record ThreadUnassigned(
    Guid ConversationId, Guid ThreadId, Guid PreviousAgentId, string UnassignedBy, DateTimeOffset UnassignedAt) : IThreadEvent;

public sealed record ThreadTagged(Guid ConversationId, Guid ThreadId, string Tag, string TaggedBy, DateTimeOffset TaggedAt) : IThreadEvent;

public sealed record ThreadUntagged(Guid ConversationId, Guid ThreadId, string Tag, string UntaggedBy, DateTimeOffset UntaggedAt) : IThreadEvent;

public sealed record PriorityChanged(
    Guid ConversationId, Guid ThreadId, Priority Priority, string ChangedBy, DateTimeOffset ChangedAt) : IThreadEvent;

/// <summary>A new status; a change made by Chat itself (not by a person) says why.</summary>
public sealed record StatusChanged(
    Guid ConversationId, Guid ThreadId, ThreadStatus Status, DateTimeOffset? SnoozedUntil, string ChangedBy,
    DateTimeOffset ChangedAt, string? Reason = null) : IThreadEvent;

/// <summary>Why Chat changed a status by itself.</summary>
public static class StatusReasons
{
    public const string VisitorWrote = "the visitor wrote";
    public const string SnoozeEnded = "the snooze ended";
}

public sealed record ThreadClosed(
    Guid ConversationId, Guid ThreadId, AuthorKind ClosedByKind, string ClosedBy, string? Reason, DateTimeOffset ClosedAt) : IThreadEvent;

public sealed record ThreadReopened(Guid ConversationId, Guid ThreadId, string ReopenedBy, DateTimeOffset ReopenedAt) : IThreadEvent;

public sealed record ThreadRated(
    Guid ConversationId, Guid ThreadId, int Score, string? Comment, string VisitorId, DateTimeOffset RatedAt) : IThreadEvent;

/// <summary>Why the router chose this agent: the strategy and every candidate it weighed, with their loads.</summary>
public sealed record ThreadRouted(
    Guid ConversationId, Guid ThreadId, Guid AgentId, string Group, Routing.RoutingStrategy Strategy,
    IReadOnlyList<Routing.RoutingCandidate> Candidates, DateTimeOffset RoutedAt) : IThreadEvent;

/// <summary>An assignment ended without anyone asking: the agent did not answer in time, or went offline.</summary>
public sealed record AssignmentExpired(
    Guid ConversationId, Guid ThreadId, Guid AgentId, string Reason, DateTimeOffset ExpiredAt) : IThreadEvent;

/// <summary>Handed to another agent or another group, with the reason.</summary>
public sealed record ThreadTransferred(
    Guid ConversationId, Guid ThreadId, Guid? FromAgentId, Guid? ToAgentId, string? ToGroup, string? Reason,
    string TransferredBy, DateTimeOffset TransferredAt) : IThreadEvent;

/// <summary>Nobody was free within the longest wait allowed: the visitor is offered to leave a message.</summary>
public sealed record ThreadMissed(Guid ConversationId, Guid ThreadId, TimeSpan Waited, DateTimeOffset MissedAt) : IThreadEvent;
