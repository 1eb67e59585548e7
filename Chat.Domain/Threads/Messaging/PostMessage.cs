namespace Chat.Domain.Threads.Messaging;

public sealed record PostMessage(Guid MessageId, Actor Author, string Text, string ClientMessageId,
    IReadOnlyList<AttachedFile>? Attachments = null);

public static class PostMessageDecision
{
    /// <summary>
    /// A visitor writing to a pending or snoozed thread wakes it up; an agent answering a queued thread
    /// takes it. A closed thread takes no reply from an agent (reopen it first); a visitor writing after a
    /// close opens a new thread, which is the conversation's decision, not this one's.
    /// </summary>
    public static Decision Decide(PostMessage command, ChatThread thread, int maxLength, DateTimeOffset now)
    {
        if (MessageText.Check(command.Text, maxLength, command.Attachments is { Count: > 0 }) is { } badText) return badText;
        if (MessageText.CheckClientMessageId(command.ClientMessageId) is { } badId) return badId;
        if (thread.IsClosed) return Reject.Conflict("The thread is closed; reopen it before replying.");

        var posted = new MessagePosted(thread.ConversationId, thread.Id, command.MessageId, command.Author.Kind,
            command.Author.Id, command.Text.Trim(), command.ClientMessageId, now, Files(command.Attachments));

        if (command.Author.Kind == AuthorKind.Visitor && thread.Status is ThreadStatus.Pending or ThreadStatus.Snoozed)
        {
            var awake = thread.AssigneeId is null ? ThreadStatus.Queued : ThreadStatus.Open;
            return Decision.Append(posted,
                new StatusChanged(thread.ConversationId, thread.Id, awake, null, Actor.System.Id, now, StatusReasons.VisitorWrote));
        }

        if (command.Author.IsAgent && thread.AssigneeId is null)
        {
            var agentId = Guid.Parse(command.Author.Id);
            return Decision.Append(
                new ThreadAssigned(thread.ConversationId, thread.Id, agentId, null, command.Author.Id, now), posted);
        }

        return Decision.Append(posted);
    }

    /// <summary>A message without files stores no empty list, as before files existed.</summary>
    internal static IReadOnlyList<AttachedFile>? Files(IReadOnlyList<AttachedFile>? attachments) =>
        attachments is { Count: > 0 } ? attachments : null;
}
