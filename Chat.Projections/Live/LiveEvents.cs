using Chat.Domain;
using Chat.Projections.Catalogue;
using JasperFx.Events;

namespace Chat.Projections.Live;

/// <summary>Turns stored conversation events into the small payloads clients receive, as the event catalogue says.</summary>
public static class LiveEvents
{
    public static LiveEvent? From(IEvent e)
    {
        if (e.Data is not IConversationEvent conversationEvent) return null;
        var entry = EventCatalogue.For(e.Data);
        return entry.Live(e.Data) is { } data
            ? new LiveEvent(conversationEvent.ConversationId, e.StreamId, e.Version, e.EventTypeName, e.At(), entry.Audience(e.Data), data)
            : null;
    }
}
