namespace Chat.Domain.Threads.Triage;

public sealed record ChangePriority(Priority Priority, Actor By);

public static class ChangePriorityDecision
{
    public static Decision Decide(ChangePriority command, ChatThread thread, DateTimeOffset now) =>
        thread.Priority == command.Priority ? Decision.Nothing
        : Decision.Append(new PriorityChanged(thread.ConversationId, thread.Id, command.Priority, command.By.Id, now));
}
