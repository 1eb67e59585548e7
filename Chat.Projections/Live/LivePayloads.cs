using Chat.Domain;
using Chat.Domain.Threads;

namespace Chat.Projections.Live;

public sealed record ThreadStartedData(int Number, string Group);
public sealed record ThreadQueuedData(string Group);
/// <summary>An agent's message names its author by display name (added before the push), never by email.</summary>
public sealed record MessageData(Guid MessageId, AuthorKind AuthorKind, string AuthorId, string Text, string ClientMessageId,
    string? AuthorName = null, IReadOnlyList<Chat.Domain.Threads.Messaging.AttachedFile>? Attachments = null);
public sealed record NoteData(Guid NoteId, Guid AgentId, string Text, string ClientMessageId);
public sealed record MessageEditedData(Guid MessageId, string Text, string EditedBy);
public sealed record MessageDeletedData(Guid MessageId, string DeletedBy);
public sealed record ReadData(ReaderSide Side, string ReaderId, long UpToVersion);
/// <summary>Names the assigned agent by display name (added before the push), never by email.</summary>
public sealed record AssignedData(Guid AgentId, Guid? PreviousAgentId, string AssignedBy, string? AgentName = null);
public sealed record UnassignedData(Guid PreviousAgentId, string UnassignedBy);
public sealed record TagData(string Tag, string By);
public sealed record PriorityData(Priority Priority, string By);
public sealed record StatusData(ThreadStatus Status, DateTimeOffset? SnoozedUntil, string By);
public sealed record ClosedData(AuthorKind ClosedByKind, string ClosedBy, string? Reason);
public sealed record ReopenedData(string ReopenedBy);
public sealed record RatedData(int Score, string? Comment);
public sealed record RoutedData(Guid AgentId, string Group, Chat.Domain.Routing.RoutingStrategy Strategy,
    IReadOnlyList<Chat.Domain.Routing.RoutingCandidate> Candidates);
public sealed record AssignmentExpiredData(Guid AgentId, string Reason);
/// <summary>Staff's view of a transfer; names the new agent by display name (added before the push).</summary>
public sealed record TransferredData(Guid? FromAgentId, Guid? ToAgentId, string? ToGroup, string? Reason, string By,
    string? ToAgentName = null);
/// <summary>
/// The visitor's view of a transfer: the new agent's display name when it went to an agent, and nothing else (no reason,
/// group, previous agent or who transferred it).
/// </summary>
public sealed record VisitorTransferData(string? AgentName);
public sealed record MissedData(double WaitedSeconds);
