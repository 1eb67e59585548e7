namespace Chat.Projections.Live;

/// <summary>
/// What a visitor may see of their thread, for the live push and every catch-up: each fact's audience is in the
/// event catalogue (no private notes, tags, priorities, internal statuses or routing; a transfer as a quiet line).
/// </summary>
public static class Visibility
{
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
