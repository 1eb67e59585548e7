using Chat.Projections.Audit;
using JasperFx.Events;

namespace Chat.Api.Audit;

/// <summary>Where the chain first breaks: the event (or the link) and what is wrong there.</summary>
public sealed record BrokenLink(long Sequence, Guid EventId, Guid? StreamId, long? Version, string Reason);

public sealed record ChainReport(Guid ConversationId, bool Valid, int CheckedEvents, BrokenLink? FirstBrokenLink);

public static class ChainVerification
{
    /// <summary>
    /// Recomputes every hash from the stored events and compares it with the chain recorded when they were
    /// appended. A changed event breaks its own link; a deleted one leaves a link without its event; an
    /// inserted one has no link. The links come in their chain's order.
    /// </summary>
    public static ChainReport Verify(Guid conversationId, IReadOnlyList<IEvent> events, IReadOnlyList<ChainLink> links)
    {
        var previous = ConversationChainProjection.Genesis;
        for (var i = 0; i < Math.Max(links.Count, events.Count); i++)
        {
            var link = i < links.Count ? links[i] : null;
            var e = i < events.Count ? events[i] : null;
            if (link is null)
                return Broken(conversationId, i, new BrokenLink(e!.Sequence, e.Id, e.StreamId, e.Version, "An event that is not in the chain."));
            if (e is null || e.Id != link.EventId)
                return e is not null && links.Skip(i).Any(l => l.EventId == e.Id) || e is null
                    ? Broken(conversationId, i, new BrokenLink(link.Sequence, link.EventId, null, null, "An event of the chain is missing."))
                    : Broken(conversationId, i, new BrokenLink(e.Sequence, e.Id, e.StreamId, e.Version, "An event that is not in the chain."));

            var hash = ConversationChainProjection.HashOf(previous, e);
            if (hash != link.Hash)
                return Broken(conversationId, i, new BrokenLink(e.Sequence, e.Id, e.StreamId, e.Version, "The event's content does not match its hash."));
            previous = hash;
        }
        return new ChainReport(conversationId, true, events.Count, null);
    }

    private static ChainReport Broken(Guid conversationId, int checkedEvents, BrokenLink link) => new(conversationId, false, checkedEvents, link);
}
