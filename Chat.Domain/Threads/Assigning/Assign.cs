namespace Chat.Domain.Threads.Assigning;

/// <summary>By hand: an agent takes a thread, or a supervisor gives it to someone.</summary>
public sealed record Assign(Guid AgentId, Actor By);

public static class AssignDecision
{
    public static Decision Decide(Assign command, ChatThread thread, DateTimeOffset now) =>
        thread.IsClosed ? Reject.Conflict("A closed thread cannot be assigned; reopen it first.")
        : thread.AssigneeId == command.AgentId ? Decision.Nothing
        : Decision.Append(new ThreadAssigned(thread.ConversationId, thread.Id, command.AgentId, thread.AssigneeId,
            command.By.Id, now));
}
