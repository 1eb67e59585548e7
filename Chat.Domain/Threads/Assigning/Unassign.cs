namespace Chat.Domain.Threads.Assigning;

public sealed record Unassign(Actor By);

public static class UnassignDecision
{
    public static Decision Decide(Unassign command, ChatThread thread, DateTimeOffset now) =>
        thread.AssigneeId is not { } previous ? Decision.Nothing
        : thread.IsClosed ? Reject.Conflict("A closed thread keeps its last assignee.")
        : Decision.Append(new ThreadUnassigned(thread.ConversationId, thread.Id, previous, command.By.Id, now));
}
