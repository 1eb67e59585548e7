namespace Chat.Domain.Threads.Rating;

public sealed record Rate(string VisitorId, int Score, string? Comment);

public static class RateDecision
{
    public const int MaxCommentLength = 1000;

    public static Decision Decide(Rate command, ChatThread thread, DateTimeOffset now) =>
        command.Score is < 1 or > 5 ? Reject.Invalid("The score is a whole number from 1 to 5.")
        : command.Comment?.Length > MaxCommentLength ? Reject.Invalid($"A comment has at most {MaxCommentLength} characters.")
        : thread.Rated ? Reject.Conflict("This thread has been rated already.")
        : !thread.AgentAnswered ? Reject.Conflict("A thread can be rated once an agent has answered.")
        : Decision.Append(new ThreadRated(thread.ConversationId, thread.Id, command.Score,
            Text.IsBlank(command.Comment) ? null : command.Comment.Trim(), command.VisitorId, now));
}
