namespace Chat.Domain.Conversations;

/// <summary>Write model of a conversation stream: who the visitor is and which thread is current.</summary>
public sealed record Conversation(
    Guid Id, string WorkspaceId, string VisitorId, string Group, Guid? CurrentThreadId, int ThreadCount)
{
    public static Conversation Create(ConversationStarted e) =>
        new(e.ConversationId, e.WorkspaceId, e.VisitorId, e.Group, null, 0);

    public Conversation Apply(ThreadOpened e) => this with { CurrentThreadId = e.ThreadId, ThreadCount = e.Number };
}
