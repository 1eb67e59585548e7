namespace Chat.Domain.Threads.Triage;

/// <summary>The time a thread was snoozed until has come.</summary>
public sealed record WakeUp(DateTimeOffset SnoozedUntil);

public static class WakeUpDecision
{
    /// <summary>
    /// Back to its agent when it still has one, else back in the queue. A thread snoozed again, woken by its visitor,
    /// opened or closed meanwhile is left as it is: this wake-up belonged to a snooze that is over.
    /// </summary>
    public static Decision Decide(WakeUp command, ChatThread thread, DateTimeOffset now)
    {
        if (thread.Status != ThreadStatus.Snoozed || thread.SnoozedUntil != command.SnoozedUntil) return Decision.Nothing;
        return thread.AssigneeId is not null
            ? Decision.Append(new StatusChanged(thread.ConversationId, thread.Id, ThreadStatus.Open, null, Actor.System.Id, now, StatusReasons.SnoozeEnded))
            : Decision.Append(
                new StatusChanged(thread.ConversationId, thread.Id, ThreadStatus.Queued, null, Actor.System.Id, now, StatusReasons.SnoozeEnded),
                new ThreadQueued(thread.ConversationId, thread.Id, thread.Group, now));
    }
}
