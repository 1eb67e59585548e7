namespace Chat.Domain.Threads.Messaging;

/// <summary>A note for colleagues: agents see it, the visitor never does.</summary>
public sealed record AddPrivateNote(Guid NoteId, Guid AgentId, string Text, string ClientMessageId);

public static class AddPrivateNoteDecision
{
    public static Decision Decide(AddPrivateNote command, ChatThread thread, int maxLength, DateTimeOffset now)
    {
        if (MessageText.Check(command.Text, maxLength) is { } badText) return badText;
        if (MessageText.CheckClientMessageId(command.ClientMessageId) is { } badId) return badId;

        return Decision.Append(new PrivateNoteAdded(thread.ConversationId, thread.Id, command.NoteId, command.AgentId,
            command.Text.Trim(), command.ClientMessageId, now));
    }
}
