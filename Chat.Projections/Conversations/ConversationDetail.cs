using Chat.Domain;
using Chat.Domain.Threads;

namespace Chat.Projections.Conversations;

/// <summary>One phase of a conversation as agents and auditors see it.</summary>
public sealed record ThreadSummary
{
    public Guid ThreadId { get; init; }
    public int Number { get; init; }
    public ThreadStatus Status { get; init; }
    public Guid? AssigneeId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public Priority Priority { get; init; }
    public DateTimeOffset? SnoozedUntil { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public AuthorKind? ClosedByKind { get; init; }
    public string? ClosedBy { get; init; }
    public string? CloseReason { get; init; }
    public bool Missed { get; init; }
    public int? Rating { get; init; }
    public string? RatingComment { get; init; }
}

/// <summary>A conversation with the visitor's details and every thread it has had, newest last.</summary>
public sealed record ConversationDetail
{
    public Guid Id { get; init; }
    public string VisitorId { get; init; } = "";
    public string? VisitorName { get; init; }
    /// <summary>The business's backend vouched for who the visitor is (a signed identity).</summary>
    public bool VisitorVerified { get; init; }
    public string? VisitorEmail { get; init; }
    /// <summary>
    /// The email the signed identity vouched for, if any. The contact form may change <see cref="VisitorEmail"/> to
    /// anything the visitor types; only this one may name the visitor to an agent writing first.
    /// </summary>
    public string? VerifiedEmail { get; init; }
    public string Source { get; init; } = "";
    public string Group { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public Guid? CurrentThreadId { get; init; }
    public IReadOnlyList<ThreadSummary> Threads { get; init; } = [];
}
