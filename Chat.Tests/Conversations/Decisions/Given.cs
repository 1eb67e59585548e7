using Chat.Domain;
using Chat.Domain.Threads;

namespace Chat.Tests.Conversations.Decisions;

/// <summary>Write models built the way the event store builds them: from events.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid ConversationId = Guid.NewGuid();
    public static readonly Guid AgentId = Guid.NewGuid();

    public static ChatThread Thread(params Func<ChatThread, object>[] then)
    {
        var id = Guid.NewGuid();
        var thread = ChatThread.Create(new ThreadStarted(ConversationId, id, 1, "default", Now))
            .Apply(new ThreadQueued(ConversationId, id, "default", Now));
        foreach (var next in then) thread = Apply(thread, next(thread));
        return thread;
    }

    public static object VisitorSays(ChatThread t) => VisitorSays(t, "v1");

    public static object VisitorSays(ChatThread t, string clientId) =>
        new MessagePosted(t.ConversationId, t.Id, Guid.NewGuid(), AuthorKind.Visitor, "visitor-1", "Hi", clientId, Now);

    public static object AgentSays(ChatThread t) =>
        new MessagePosted(t.ConversationId, t.Id, Guid.NewGuid(), AuthorKind.Agent, AgentId.ToString(), "Hello", "a1", Now);

    public static object Assigned(ChatThread t) => new ThreadAssigned(t.ConversationId, t.Id, AgentId, null, AgentId.ToString(), Now);

    public static object Closed(ChatThread t) => new ThreadClosed(t.ConversationId, t.Id, AuthorKind.Agent, AgentId.ToString(), null, Now);

    public static ChatThread Apply(ChatThread thread, object e) => e switch
    {
        MessagePosted x => thread.Apply(x),
        PrivateNoteAdded x => thread.Apply(x),
        MessageEdited x => thread.Apply(x),
        MessageDeleted x => thread.Apply(x),
        MessagesRead x => thread.Apply(x),
        ThreadAssigned x => thread.Apply(x),
        ThreadUnassigned x => thread.Apply(x),
        ThreadTagged x => thread.Apply(x),
        ThreadUntagged x => thread.Apply(x),
        PriorityChanged x => thread.Apply(x),
        StatusChanged x => thread.Apply(x),
        ThreadClosed x => thread.Apply(x),
        ThreadReopened x => thread.Apply(x),
        ThreadRated x => thread.Apply(x),
        _ => throw new ArgumentException($"No Apply for {e.GetType().Name}"),
    };

    public static Actor Agent => Actor.Agent(AgentId);
}
