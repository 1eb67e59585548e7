namespace Chat.Domain.Threads.Closing;

public sealed record Close(string? Reason, Actor By);

public static class CloseDecision
{
    public const int MaxReasonLength = 500;

    public static Decision Decide(Close command, ChatThread thread, DateTimeOffset now) =>
        command.Reason?.Length > MaxReasonLength ? Reject.Invalid($"A reason has at most {MaxReasonLength} characters.")
        : thread.IsClosed ? Decision.Nothing
        : Decision.Append(new ThreadClosed(thread.ConversationId, thread.Id, command.By.Kind, command.By.Id,
            Text.IsBlank(command.Reason) ? null : command.Reason.Trim(), now));
}
