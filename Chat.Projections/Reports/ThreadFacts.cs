namespace Chat.Projections.Reports;

/// <summary>
/// What the reports count of one thread, from its events' own times (the clock of the command that wrote them), so a
/// rebuild gives the same figures and a scenario run on a controlled clock gives exact ones.
/// <list type="bullet">
/// <item>First response: from the visitor's first message to the first agent message after it.</item>
/// <item>Resolution: from the thread's start to its last close.</item>
/// <item>Waiting: from the first queueing to the first assignment.</item>
/// <item>The agent: the one assigned last (kept after a close; cleared when the thread goes back to the queue).</item>
/// </list>
/// </summary>
public sealed record ThreadFacts
{
    /// <summary>The thread.</summary>
    public Guid Id { get; init; }
    public Guid ConversationId { get; init; }
    public int Number { get; init; }
    public string GroupId { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public Guid? AgentId { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset? FirstAssignedAt { get; init; }
    public DateTimeOffset? FirstVisitorMessageAt { get; init; }
    public DateTimeOffset? FirstResponseAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public bool Answered { get; init; }
    public bool Missed { get; init; }
    public int Transfers { get; init; }
    public int? Rating { get; init; }

    /// <summary>Who held the thread when: the agents' load over time is counted from these.</summary>
    public IReadOnlyList<HeldSpan> Held { get; init; } = [];

    public double? FirstResponseSeconds { get; init; }
    public double? ResolutionSeconds { get; init; }
    public double? WaitingSeconds { get; init; }
}

/// <summary>An agent held the thread from one time until another (none while they still hold it).</summary>
public sealed record HeldSpan(Guid AgentId, DateTimeOffset From, DateTimeOffset? To);
