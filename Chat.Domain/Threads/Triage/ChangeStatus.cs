namespace Chat.Domain.Threads.Triage;

/// <summary>An agent parks a thread (pending, snoozed until a time) or takes it up again (open).</summary>
public sealed record ChangeStatus(ThreadStatus Status, DateTimeOffset? SnoozedUntil, Actor By);

public static class ChangeStatusDecision
{
    public static Decision Decide(ChangeStatus command, ChatThread thread, DateTimeOffset now)
    {
        if (command.Status is not (ThreadStatus.Open or ThreadStatus.Pending or ThreadStatus.Snoozed))
            return Reject.Invalid("The status can be set to open, pending or snoozed; close and reopen have their own requests.");
        if (thread.IsClosed) return Reject.Conflict("The thread is closed; reopen it first.");
        if (command.Status == ThreadStatus.Snoozed && (command.SnoozedUntil is not { } until || until <= now))
            return Reject.Invalid("Snoozing needs a snoozedUntil time in the future.");
        if (command.Status != ThreadStatus.Snoozed && command.SnoozedUntil is not null)
            return Reject.Invalid("snoozedUntil goes only with the snoozed status.");
        if (command.Status == thread.Status && command.Status != ThreadStatus.Snoozed) return Decision.Nothing;

        return Decision.Append(new StatusChanged(thread.ConversationId, thread.Id, command.Status, command.SnoozedUntil,
            command.By.Id, now));
    }
}
