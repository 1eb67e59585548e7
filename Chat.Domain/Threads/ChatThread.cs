using System.Collections.Immutable;

namespace Chat.Domain.Threads;

/// <summary>What the decisions need to know of one message: who wrote it and whether it still shows.</summary>
public sealed record MessageFacts(AuthorKind AuthorKind, string AuthorId, bool IsPrivateNote, bool Deleted);

/// <summary>A message already stored under a client message id, returned again on a repeated send.</summary>
public sealed record StoredMessage(Guid MessageId, long Version);

/// <summary>
/// Write model of a thread stream. LastVersion is the stream version after the last applied event, so a
/// message's version is known when it is applied.
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
    ImmutableDictionary<Guid, MessageFacts> Messages,
    ImmutableDictionary<string, StoredMessage> ByClientMessageId,
    long VisitorReadVersion,
    long AgentReadVersion,
    bool Rated,
    long LastVersion)
{
    public bool IsClosed => Status == ThreadStatus.Closed;

    public static ChatThread Create(ThreadStarted e) => new(
        e.ThreadId, e.ConversationId, e.Number, e.Group, ThreadStatus.Queued, null,
        ImmutableSortedSet<string>.Empty, Priority.None, ImmutableDictionary<Guid, MessageFacts>.Empty,
        ImmutableDictionary<string, StoredMessage>.Empty, 0, 0, false, 1);

    public ChatThread Apply(ThreadQueued _) => Next();

    public ChatThread Apply(MessagePosted e) => Next() with
    {
        Messages = Messages.SetItem(e.MessageId, new MessageFacts(e.AuthorKind, e.AuthorId, false, false)),
        ByClientMessageId = ByClientMessageId.SetItem(e.ClientMessageId, new StoredMessage(e.MessageId, LastVersion + 1)),
    };

    public ChatThread Apply(PrivateNoteAdded e) => Next() with
    {
        Messages = Messages.SetItem(e.NoteId, new MessageFacts(AuthorKind.Agent, e.AgentId.ToString(), true, false)),
        ByClientMessageId = ByClientMessageId.SetItem(e.ClientMessageId, new StoredMessage(e.NoteId, LastVersion + 1)),
    };

    public ChatThread Apply(MessageEdited _) => Next();

    public ChatThread Apply(MessageDeleted e) => Next() with
    {
        Messages = Messages.SetItem(e.MessageId, Messages[e.MessageId] with { Deleted = true }),
    };

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

    public ChatThread Apply(StatusChanged e) => Next() with { Status = e.Status };

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

    private ChatThread Next() => this with { LastVersion = LastVersion + 1 };
}
