namespace Chat.Domain.Threads.Assigning;

/// <summary>Hand a thread to another agent, or back to the queue of another group, saying why.</summary>
public sealed record Transfer(Guid? ToAgentId, string? ToGroup, string? Reason, Actor By);

public static class TransferDecision
{
    public const int MaxReasonLength = 500;

    public static Decision Decide(Transfer command, ChatThread thread, DateTimeOffset now)
    {
        if (command.ToAgentId is null == command.ToGroup is null) return Reject.Invalid("Transfer to an agent or to a group: one of the two.");
        if (command.Reason?.Length > MaxReasonLength) return Reject.Invalid($"A reason has at most {MaxReasonLength} characters.");
        if (thread.IsClosed) return Reject.Conflict("A closed thread cannot be transferred; reopen it first.");

        var reason = Text.IsBlank(command.Reason) ? null : command.Reason.Trim();
        if (command.ToAgentId is { } agent)
            return agent == thread.AssigneeId
                ? Decision.Nothing
                : Decision.Append(
                    new ThreadTransferred(thread.ConversationId, thread.Id, thread.AssigneeId, agent, null, reason, command.By.Id, now),
                    new ThreadAssigned(thread.ConversationId, thread.Id, agent, thread.AssigneeId, command.By.Id, now));

        return command.ToGroup == thread.Group && thread.AssigneeId is null
            ? Decision.Nothing
            : Decision.Append(new ThreadTransferred(thread.ConversationId, thread.Id, thread.AssigneeId, null, command.ToGroup, reason,
                command.By.Id, now));
    }
}
