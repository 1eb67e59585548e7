using System.Collections.Immutable;

namespace Chat.Domain.Threads;

/// <summary>
/// Write model of a thread stream: only what the decisions need, so its snapshot, rewritten with every
/// message, keeps the same size however long the thread grows. What a decision needs of one message (its
/// author, or a repeated client message id) is looked up by index and handed to it. LastVersion is the
/// stream version after the last applied event.
/// </summary>
public sealed record ChatThread(
    Guid Id,
    Guid ConversationId,
    int Number,
    string Group,
    ThreadStatus Status,
    Guid? AssigneeId,
    ImmutableSortedSet<string> Tags,
    Priority Priority,
    bool AgentAnswered,
    long VisitorReadVersion,
    long AgentReadVersion,
    bool Rated,
    long LastVersion,
    DateTimeOffset? SnoozedUntil = null)
{
    public bool IsClosed => Status == ThreadStatus.Closed;

    public static ChatThread Create(ThreadStarted e) => new(
        e.ThreadId, e.ConversationId, e.Number, e.Group, ThreadStatus.Queued, null,
        ImmutableSortedSet<string>.Empty, Priority.None, false, 0, 0, false, 1);

    public ChatThread Apply(ThreadQueued _) => Next();

    public ChatThread Apply(MessagePosted e) => Next() with { AgentAnswered = AgentAnswered || e.AuthorKind == AuthorKind.Agent };

    public ChatThread Apply(PrivateNoteAdded _) => Next();

    public ChatThread Apply(MessageEdited _) => Next();

    public ChatThread Apply(MessageDeleted _) => Next();

    public ChatThread Apply(MessagesRead e) => e.Side == ReaderSide.Visitor
        ? Next() with { VisitorReadVersion = e.UpToVersion }
        : Next() with { AgentReadVersion = e.UpToVersion };

    public ChatThread Apply(ThreadAssigned e) => Next() with
    {
        AssigneeId = e.AgentId,
        Status = Status == ThreadStatus.Queued ? ThreadStatus.Open : Status,
    };

    public ChatThread Apply(ThreadUnassigned _) => Next() with
    {
        AssigneeId = null,
        Status = Status == ThreadStatus.Closed ? Status : ThreadStatus.Queued,
    };

    public ChatThread Apply(ThreadTagged e) => Next() with { Tags = Tags.Add(e.Tag) };

    public ChatThread Apply(ThreadUntagged e) => Next() with { Tags = Tags.Remove(e.Tag) };

    public ChatThread Apply(PriorityChanged e) => Next() with { Priority = e.Priority };

    public ChatThread Apply(StatusChanged e) => Next() with { Status = e.Status, SnoozedUntil = e.SnoozedUntil };

    public ChatThread Apply(ThreadClosed _) => Next() with { Status = ThreadStatus.Closed };

    public ChatThread Apply(ThreadReopened _) => Next() with
    {
        Status = AssigneeId is null ? ThreadStatus.Queued : ThreadStatus.Open,
    };

    public ChatThread Apply(ThreadRated _) => Next() with { Rated = true };

    public ChatThread Apply(ThreadRouted _) => Next();

    public ChatThread Apply(AssignmentExpired _) => Next() with
    {
        AssigneeId = null,
        Status = Status == ThreadStatus.Closed ? Status : ThreadStatus.Queued,
    };

    /// <summary>A transfer to an agent is followed by its assignment; one to a group puts the thread back in the queue there.</summary>
    public ChatThread Apply(ThreadTransferred e) => e.ToGroup is { } group
        ? Next() with { AssigneeId = null, Group = group, Status = ThreadStatus.Queued }
        : Next();

    public ChatThread Apply(ThreadMissed _) => Next();

    /// <summary>
    /// The thread after one more of its events: what a decision of several steps (a macro) uses to decide each step on
    /// the state the steps before it left.
    /// </summary>
    public ChatThread After(object e) => e switch
    {
        ThreadQueued x => Apply(x),
        MessagePosted x => Apply(x),
        PrivateNoteAdded x => Apply(x),
        MessageEdited x => Apply(x),
        MessageDeleted x => Apply(x),
        MessagesRead x => Apply(x),
        ThreadAssigned x => Apply(x),
        ThreadUnassigned x => Apply(x),
        ThreadTagged x => Apply(x),
        ThreadUntagged x => Apply(x),
        PriorityChanged x => Apply(x),
        StatusChanged x => Apply(x),
        ThreadClosed x => Apply(x),
        ThreadReopened x => Apply(x),
        ThreadRated x => Apply(x),
        ThreadRouted x => Apply(x),
        AssignmentExpired x => Apply(x),
        ThreadTransferred x => Apply(x),
        ThreadMissed x => Apply(x),
        _ => throw new InvalidOperationException($"A thread has no {e.GetType().Name} event."),
    };

    private ChatThread Next() => this with { LastVersion = LastVersion + 1 };
}
