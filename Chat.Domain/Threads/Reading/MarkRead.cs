namespace Chat.Domain.Threads.Reading;

public sealed record MarkRead(ReaderSide Side, string ReaderId, long UpToVersion);

public static class MarkReadDecision
{
    /// <summary>Read marks only move forward; marking again what was already read changes nothing.</summary>
    public static Decision Decide(MarkRead command, ChatThread thread, DateTimeOffset now)
    {
        if (command.UpToVersion < 1 || command.UpToVersion > thread.LastVersion)
            return Reject.Invalid($"upToVersion must be between 1 and the thread's version {thread.LastVersion}.");

        var alreadyRead = command.Side == ReaderSide.Visitor ? thread.VisitorReadVersion : thread.AgentReadVersion;
        return command.UpToVersion <= alreadyRead
            ? Decision.Nothing
            : Decision.Append(new MessagesRead(thread.ConversationId, thread.Id, command.Side, command.ReaderId,
                command.UpToVersion, now));
    }
}
