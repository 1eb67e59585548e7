namespace Chat.Api.Routing;

/// <summary>A waiting thread's place: shown to its visitor and pushed on every change.</summary>
public sealed record QueuePlace(Guid ConversationId, Guid ThreadId, string Group, int Position, int EstimatedWaitSeconds);

/// <summary>
/// The router's own state for a workspace, saved in the same transaction as its decisions: when each
/// agent last got a chat (round robin), who was skipped for which thread, which waits are being
/// watched, and the queue as it stands after the last decision.
/// </summary>
public sealed record RouterMemory
{
    public const string DocumentId = "router";

    public string Id { get; init; } = DocumentId;
    public Dictionary<Guid, DateTimeOffset> LastRoutedAt { get; init; } = [];
    public Dictionary<Guid, List<Guid>> Skipped { get; init; } = [];
    public HashSet<Guid> WatchedWaits { get; init; } = [];
    public List<QueuePlace> Queue { get; init; } = [];
}

/// <summary>After the answer timeout: did the routed agent answer?</summary>
public sealed record AnswerDeadline(string WorkspaceId, Guid ConversationId, Guid ThreadId, Guid AgentId, long AssignedVersion) : IConversationDeadline;

/// <summary>After the longest wait: is the thread still waiting?</summary>
public sealed record MaxWaitDeadline(string WorkspaceId, Guid ConversationId, Guid ThreadId) : IConversationDeadline;

/// <summary>A scheduled check on one conversation's thread.</summary>
public interface IConversationDeadline
{
    Guid ConversationId { get; }
}

/// <summary>The queue of a workspace changed; each waiting visitor hears their new place.</summary>
public sealed record QueueChanged(string WorkspaceId, IReadOnlyList<QueuePlace> Places);
