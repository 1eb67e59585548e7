using System.Text.Json.Serialization;
using Chat.Domain.Threads;

namespace Chat.Projections.Routing;

/// <summary>
/// What the router knows of a conversation's current thread: one small row per conversation, read by every
/// routing run instead of the inbox rows pushed to browsers. Times and sequences come from event metadata.
/// </summary>
public sealed record RoutingThread
{
    /// <summary>The conversation.</summary>
    public Guid Id { get; init; }
    public Guid ThreadId { get; init; }
    public int ThreadNumber { get; init; }
    public string Group { get; init; } = "";
    public ThreadStatus Status { get; init; }
    public Guid? AssigneeId { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    /// <summary>The thread version of the current assignment, which names it exactly.</summary>
    public long AssignedVersion { get; init; }
    /// <summary>Whether the assigned agent has answered since the assignment.</summary>
    public bool Answered { get; init; }
    /// <summary>Since when the thread waits for an agent; kept on a requeue, so it keeps its place.</summary>
    public DateTimeOffset? QueuedAt { get; init; }
    /// <summary>The global sequence of the queueing: the queue's order, unique even when times are equal.</summary>
    public long QueuedSequence { get; init; }
    /// <summary>Nobody was free within the longest wait; the visitor was offered to leave a message.</summary>
    public bool Missed { get; init; }
    /// <summary>Who had the conversation's previous thread, for sticky routing.</summary>
    public Guid? PreviousAssigneeId { get; init; }

    /// <summary>Waiting for the router: nobody has it, it is not closed and not given up on.</summary>
    [JsonIgnore]
    public bool IsWaiting => AssigneeId is null && Status is ThreadStatus.Queued or ThreadStatus.Open && !Missed && QueuedAt is not null;

    /// <summary>Counts against its assignee's limit.</summary>
    [JsonIgnore]
    public bool IsHeld => AssigneeId is not null && Status != ThreadStatus.Closed;
}
