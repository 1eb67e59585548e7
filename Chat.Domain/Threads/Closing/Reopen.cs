namespace Chat.Domain.Threads.Closing;

public sealed record Reopen(Actor By);

public static class ReopenDecision
{
    public static Decision Decide(Reopen command, ChatThread thread, DateTimeOffset now) =>
        thread.IsClosed
            ? Decision.Append(new ThreadReopened(thread.ConversationId, thread.Id, command.By.Id, now))
            : Reject.Conflict("Only a closed thread can be reopened.");
}
