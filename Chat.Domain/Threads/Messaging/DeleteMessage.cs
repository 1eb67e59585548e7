namespace Chat.Domain.Threads.Messaging;

public sealed record DeleteMessage(Guid MessageId, Guid AgentId);

public static class DeleteMessageDecision
{
    public static Decision Decide(DeleteMessage command, ChatThread thread, DateTimeOffset now) =>
        OwnMessage.Find(thread, command.MessageId, command.AgentId) is { } found
            ? Decision.Append(new MessageDeleted(thread.ConversationId, thread.Id, command.MessageId,
                found.IsPrivateNote, command.AgentId.ToString(), now))
            : OwnMessage.Refusal(thread, command.MessageId);
}
