using Chat.Contracts;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Projections.Catalogue;
using JasperFx.Events;
using T = Chat.Contracts.IntegrationEventTypes;

namespace Chat.Projections.Integration;

/// <summary>Translates stored domain events into the public contract, as the event catalogue says; internal facts have none.</summary>
public static class IntegrationEvents
{
    public static IntegrationEvent? From(IEvent e)
    {
        if (EventCatalogue.Find(e.Data)?.Public(e.Data) is not { } form) return null;
        var conversationId = (e.Data as IConversationEvent)?.ConversationId;
        // Facts of the conversation stream itself (started, contact given) belong to no thread.
        var threadId = (e.Data as IThreadEvent)?.ThreadId;
        return new IntegrationEvent(e.Id, form.Type, T.SchemaVersion, e.TenantId, conversationId, threadId, e.StreamId, e.Version,
            e.Sequence, e.At(), Actors.Of(e.Data), form.Data);
    }
}
