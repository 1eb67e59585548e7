namespace Chat.Domain.Threads.Messaging;

public sealed record DeleteMessage(Guid MessageId, Guid AgentId);

public static class DeleteMessageDecision
{
    /// <param name="message">The stored facts of the message to delete, null when there is no such message.</param>
    public static Decision Decide(DeleteMessage command, ChatThread thread, MessageFacts? message, DateTimeOffset now) =>
        OwnMessage.Find(thread, command.MessageId, message, command.AgentId) is { } found
            ? Decision.Append(new MessageDeleted(thread.ConversationId, thread.Id, command.MessageId,
                found.IsPrivateNote, command.AgentId.ToString(), now))
            : OwnMessage.Refusal(thread, command.MessageId, message);
}
