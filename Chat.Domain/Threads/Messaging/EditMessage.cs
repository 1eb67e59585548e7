namespace Chat.Domain.Threads.Messaging;

public sealed record EditMessage(Guid MessageId, Guid AgentId, string Text);

public static class EditMessageDecision
{
    public static Decision Decide(EditMessage command, ChatThread thread, int maxLength, DateTimeOffset now)
    {
        if (OwnMessage.Find(thread, command.MessageId, command.AgentId) is not { } found) return OwnMessage.Refusal(thread, command.MessageId);
        if (MessageText.Check(command.Text, maxLength) is { } badText) return badText;

        return Decision.Append(new MessageEdited(thread.ConversationId, thread.Id, command.MessageId,
            found.IsPrivateNote, command.Text.Trim(), command.AgentId.ToString(), now));
    }
}
