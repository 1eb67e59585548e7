using Chat.Contracts;
using Chat.Projections.Live;

namespace Chat.Projections.Catalogue;

/// <summary>What every reader of the event log needs to know of one stored event type.</summary>
public interface IEventEntry
{
    Type EventType { get; }

    /// <summary>The small payload clients receive live and in catch-ups, or null for a fact no client is shown.</summary>
    object? Live(object data);

    /// <summary>Who may receive the live payload.</summary>
    Audience Audience(object data);

    /// <summary>Who caused the fact, for the auditor's history and the public form.</summary>
    IntegrationActor Actor(object data);

    /// <summary>The public form (type and data) sent downstream, or null for an internal fact that never leaves.</summary>
    PublicForm? Public(object data);
}

/// <summary>An event's public type (also its RabbitMQ routing key) and versioned data.</summary>
public sealed record PublicForm(string Type, object Data);

/// <summary>
/// One event type's entry, made with <see cref="EventEntry.Of{TEvent}"/>: every question has to be answered (the
/// parameters have no defaults), so a new event type cannot be catalogued halfway.
/// </summary>
public sealed class EventEntry<TEvent>(
    Func<TEvent, object?> live,
    Func<TEvent, Audience> audience,
    Func<TEvent, IntegrationActor> actor,
    Func<TEvent, PublicForm?> publicForm) : IEventEntry where TEvent : notnull
{
    public Type EventType => typeof(TEvent);
    public object? Live(object data) => live((TEvent)data);
    public Audience Audience(object data) => audience((TEvent)data);
    public IntegrationActor Actor(object data) => actor((TEvent)data);
    public PublicForm? Public(object data) => publicForm((TEvent)data);
}

public static class EventEntry
{
    public static IEventEntry Of<TEvent>(Func<TEvent, object?> live, Func<TEvent, Audience> audience,
        Func<TEvent, IntegrationActor> actor, Func<TEvent, PublicForm?> publicForm) where TEvent : notnull =>
        new EventEntry<TEvent>(live, audience, actor, publicForm);
}
