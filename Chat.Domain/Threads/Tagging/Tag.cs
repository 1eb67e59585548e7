namespace Chat.Domain.Threads.Tagging;

public sealed record Tag(string Name, Actor By);

public static class TagDecision
{
    public static Decision Decide(Tag command, ChatThread thread, DateTimeOffset now)
    {
        var (tag, rejection) = TagName.Normalize(command.Name);
        if (rejection is not null) return rejection;
        return thread.Tags.Contains(tag!)
            ? Decision.Nothing
            : Decision.Append(new ThreadTagged(thread.ConversationId, thread.Id, tag!, command.By.Id, now));
    }
}
