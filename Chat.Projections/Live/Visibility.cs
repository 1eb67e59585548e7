using Chat.Domain.Threads;

namespace Chat.Projections.Live;

/// <summary>What a visitor may see of their thread, decided in one place for the live push and every catch-up.</summary>
public static class Visibility
{
    /// <summary>
    /// No private notes, tags, priorities, internal statuses or routing. A transfer reaches the visitor as a quiet line
    /// without its reason or who made it.
    /// </summary>
    public static Audience AudienceOf(object data) => data switch
    {
        ThreadTransferred => Audience.Redacted,
        PrivateNoteAdded or ThreadTagged or ThreadUntagged or PriorityChanged or StatusChanged or ThreadRouted
            or AssignmentExpired => Audience.Staff,
        MessageEdited edited => edited.IsPrivateNote ? Audience.Staff : Audience.Everyone,
        MessageDeleted deleted => deleted.IsPrivateNote ? Audience.Staff : Audience.Everyone,
        _ => Audience.Everyone,
    };

    /// <summary>
    /// The visitor's view of a fact (its agents already named): the fact as it is, the same envelope with a redacted
    /// payload, or null when the visitor does not see it. A redacted fact without a visitor form is not shown.
    /// </summary>
    public static LiveEvent? ForVisitor(LiveEvent e) => e.Audience switch
    {
        Audience.Everyone => e,
        Audience.Redacted when Redacted(e.Data) is { } data => e with { Data = data },
        _ => null,
    };

    private static object? Redacted(object data) => data switch
    {
        TransferredData t => new VisitorTransferData(t.ToAgentName),
        _ => null,
    };
}
