namespace Chat.Domain.Threads.Tagging;

/// <summary><c>SameTag</c>: every name of the tag in the workspace's catalogue (renamed tags keep their old names).</summary>
public sealed record Tag(string Name, Actor By, IReadOnlyList<string>? SameTag = null);

public static class TagDecision
{
    public static Decision Decide(Tag command, ChatThread thread, DateTimeOffset now)
    {
        var (tag, rejection) = TagName.Normalize(command.Name);
        if (rejection is not null) return rejection;
        return thread.Tags.Contains(tag!) || (command.SameTag ?? []).Any(thread.Tags.Contains)
            ? Decision.Nothing
            : Decision.Append(new ThreadTagged(thread.ConversationId, thread.Id, tag!, command.By.Id, now));
    }
}
