namespace Chat.Domain.Threads.Messaging;

public sealed record EditMessage(Guid MessageId, Guid AgentId, string Text);

public static class EditMessageDecision
{
    /// <param name="message">The stored facts of the message to edit, null when there is no such message.</param>
    public static Decision Decide(EditMessage command, ChatThread thread, MessageFacts? message, int maxLength, DateTimeOffset now)
    {
        if (OwnMessage.Find(thread, command.MessageId, message, command.AgentId) is not { } found)
            return OwnMessage.Refusal(thread, command.MessageId, message);
        if (MessageText.Check(command.Text, maxLength) is { } badText) return badText;

        return Decision.Append(new MessageEdited(thread.ConversationId, thread.Id, command.MessageId,
            found.IsPrivateNote, command.Text.Trim(), command.AgentId.ToString(), now));
    }
}
