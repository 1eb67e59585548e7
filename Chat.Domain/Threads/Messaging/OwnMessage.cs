namespace Chat.Domain.Threads.Messaging;

/// <summary>An agent may change only a message or note of their own, in this thread, that still shows.</summary>
internal static class OwnMessage
{
    public static MessageFacts? Find(ChatThread thread, Guid messageId, MessageFacts? message, Guid agentId) =>
        Shown(thread, messageId, message) is { AuthorKind: AuthorKind.Agent } facts && facts.AuthorId == agentId.ToString()
            ? facts
            : null;

    public static Rejection Refusal(ChatThread thread, Guid messageId, MessageFacts? message) =>
        Shown(thread, messageId, message) is null
            ? Reject.NotFound($"Message {messageId} is not in this thread.")
            : Reject.Forbidden("Only the agent who wrote a message may edit or delete it.");

    private static MessageFacts? Shown(ChatThread thread, Guid messageId, MessageFacts? message) =>
        message is { Deleted: false } && message.MessageId == messageId && message.ThreadId == thread.Id ? message : null;
}
