using Chat.Domain.Threads;

namespace Chat.Projections.Live;

public static class Visibility
{
    /// <summary>What a visitor may see of their thread: no private notes, tags, priorities, internal statuses or routing.</summary>
    public static bool VisibleToVisitor(object data) => data switch
    {
        PrivateNoteAdded or ThreadTagged or ThreadUntagged or PriorityChanged or StatusChanged or ThreadRouted
            or AssignmentExpired or ThreadTransferred => false,
        MessageEdited edited => !edited.IsPrivateNote,
        MessageDeleted deleted => !deleted.IsPrivateNote,
        _ => true,
    };
}
