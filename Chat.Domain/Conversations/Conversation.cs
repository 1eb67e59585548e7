namespace Chat.Domain.Conversations;

/// <summary>Write model of a conversation stream: who the visitor is, how to reach them, and which thread is current.</summary>
public sealed record Conversation(
    Guid Id, string WorkspaceId, string VisitorId, string Group, Guid? CurrentThreadId, int ThreadCount,
    string? VisitorName = null, string? VisitorEmail = null)
{
    public static Conversation Create(ConversationStarted e) =>
        new(e.ConversationId, e.WorkspaceId, e.VisitorId, e.Group, null, 0, e.VisitorName, e.VisitorEmail);

    public Conversation Apply(ThreadOpened e) => this with { CurrentThreadId = e.ThreadId, ThreadCount = e.Number };

    public Conversation Apply(VisitorContactGiven e) => this with { VisitorName = e.Name, VisitorEmail = e.Email };
}
