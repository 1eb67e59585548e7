using Chat.Contracts;
using Chat.Projections.Catalogue;

namespace Chat.Projections;

/// <summary>Who did what: the actor of every stored event, for the auditor's history and the integration events.</summary>
public static class Actors
{
    public static IntegrationActor Of(object data) => EventCatalogue.For(data).Actor(data);
}
