namespace Chat.Domain.Threads.Tagging;

/// <summary><c>SameTag</c>: every name of the tag in the workspace's catalogue; the one the thread carries comes off.</summary>
public sealed record Untag(string Name, Actor By, IReadOnlyList<string>? SameTag = null);

public static class UntagDecision
{
    public static Decision Decide(Untag command, ChatThread thread, DateTimeOffset now)
    {
        var (tag, rejection) = TagName.Normalize(command.Name);
        if (rejection is not null) return rejection;
        var held = thread.Tags.Contains(tag!) ? tag : (command.SameTag ?? []).FirstOrDefault(thread.Tags.Contains);
        return held is not null
            ? Decision.Append(new ThreadUntagged(thread.ConversationId, thread.Id, held, command.By.Id, now))
            : Decision.Nothing;
    }
}
