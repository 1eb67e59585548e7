namespace Chat.Domain.Threads.Tagging;

public sealed record Untag(string Name, Actor By);

public static class UntagDecision
{
    public static Decision Decide(Untag command, ChatThread thread, DateTimeOffset now)
    {
        var (tag, rejection) = TagName.Normalize(command.Name);
        if (rejection is not null) return rejection;
        return thread.Tags.Contains(tag!)
            ? Decision.Append(new ThreadUntagged(thread.ConversationId, thread.Id, tag!, command.By.Id, now))
            : Decision.Nothing;
    }
}
