namespace Chat.Domain.Threads.Messaging;

/// <summary>An agent may change only a message or note of their own that still shows.</summary>
internal static class OwnMessage
{
    public static MessageFacts? Find(ChatThread thread, Guid messageId, Guid agentId) =>
        thread.Messages.GetValueOrDefault(messageId) is { Deleted: false, AuthorKind: AuthorKind.Agent } facts
        && facts.AuthorId == agentId.ToString()
            ? facts
            : null;

    public static Rejection Refusal(ChatThread thread, Guid messageId) =>
        thread.Messages.GetValueOrDefault(messageId) switch
        {
            null or { Deleted: true } => Reject.NotFound($"Message {messageId} is not in this thread."),
            _ => Reject.Forbidden("Only the agent who wrote a message may edit or delete it."),
        };
}
