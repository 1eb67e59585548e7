using Chat.Domain;
using Chat.Domain.Threads;

namespace Chat.Projections.Inbox;

/// <summary>
/// One row of the agents' inbox per conversation, showing its current thread. Times and the activity
/// sequence come from event metadata, so a rebuild yields the same rows. What only the router needs is in
/// its own rows (<see cref="Routing.RoutingThread"/>), not in this one, which is pushed to browsers.
/// </summary>
public sealed record InboxItem
{
    public Guid Id { get; init; }
    public string VisitorId { get; init; } = "";
    public string? VisitorName { get; init; }
    /// <summary>The business's backend vouched for who the visitor is (a signed identity).</summary>
    public bool VisitorVerified { get; init; }
    /// <summary>Where agents can write back: from the widget session, or left by the visitor with a message.</summary>
    public string? VisitorEmail { get; init; }
    public string Group { get; init; } = "";
    public Guid ThreadId { get; init; }
    public int ThreadNumber { get; init; }
    public ThreadStatus Status { get; init; }
    public Guid? AssigneeId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public Priority Priority { get; init; }
    public DateTimeOffset? SnoozedUntil { get; init; }
    public Guid? LastMessageId { get; init; }
    public string? LastMessagePreview { get; init; }
    public AuthorKind? LastMessageAuthor { get; init; }
    public DateTimeOffset? LastMessageAt { get; init; }
    /// <summary>Since when the visitor's latest unanswered message waits; null once an agent answered.</summary>
    public DateTimeOffset? WaitingSince { get; init; }
    /// <summary>Versions of the latest visitor messages no agent has read yet (at most InboxProjection.UnreadVersionsKept).</summary>
    public IReadOnlyList<long> UnreadVisitorMessageVersions { get; init; } = [];
    /// <summary>Versions of the latest agent messages the visitor has not read yet (at most InboxProjection.UnreadVersionsKept).</summary>
    public IReadOnlyList<long> UnreadAgentMessageVersions { get; init; } = [];
    public int UnreadForAgents { get; init; }
    public int UnreadForVisitor { get; init; }
    /// <summary>Since when the thread waits for an agent; kept on a requeue, so it keeps its place.</summary>
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset LastActivityAt { get; init; }
    /// <summary>The global sequence of the last activity: a unique, ordered paging cursor.</summary>
    public long LastActivitySequence { get; init; }
}
