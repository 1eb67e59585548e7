using Chat.Domain.Macros;
using Chat.Contracts;
using Chat.Domain;
using Chat.Domain.Agents;
using Chat.Domain.CannedResponses;
using Chat.Domain.Threads;
using Chat.Projections.Catalogue;
using Chat.Projections.Live;

namespace Chat.Tests.Integration;

public sealed class EventCatalogueTests
{
    private static readonly Type[] StoredEventTypes =
    [
        .. typeof(IConversationEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConversationEvent).IsAssignableFrom(t)),
        typeof(AgentStatusChanged),
        .. typeof(IMacroEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMacroEvent).IsAssignableFrom(t)),
        .. typeof(CannedResponse).Assembly.GetTypes().Where(t => t.Namespace is "Chat.Domain.CannedResponses" or "Chat.Domain.TagCatalogue"
            && t.Name.EndsWith("ed", StringComparison.Ordinal)),
    ];

    [Fact]
    public void Every_stored_event_type_has_exactly_one_entry()
    {
        StoredEventTypes.Length.ShouldBeGreaterThan(20);
        StoredEventTypes.Where(t => !EventCatalogue.EventTypes.Contains(t)).Select(t => t.Name).ShouldBeEmpty();
        EventCatalogue.EventTypes.Count.ShouldBe(StoredEventTypes.Length);
    }

    [Fact]
    public void Every_thread_event_names_its_thread()
    {
        var threadStreamEvents = StoredEventTypes.Where(t => t.Namespace == typeof(ThreadStarted).Namespace);
        threadStreamEvents.Where(t => !typeof(IThreadEvent).IsAssignableFrom(t)).Select(t => t.Name).ShouldBeEmpty();
    }

    [Fact]
    public void Every_public_type_is_made_by_some_event_and_named_in_the_contract()
    {
        var made = Samples().Select(s => EventCatalogue.For(s).Public(s)?.Type).OfType<string>().ToHashSet();
        made.ShouldBe(IntegrationEventTypes.All.ToHashSet(), ignoreOrder: true);
    }

    [Fact]
    public void Private_notes_never_leave_and_reach_staff_alone()
    {
        var note = new PrivateNoteAdded(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "internal", "n-1", DateTimeOffset.UtcNow);
        var editedNote = new MessageEdited(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), true, "still internal", "agent", DateTimeOffset.UtcNow);
        var deletedNote = new MessageDeleted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), true, "agent", DateTimeOffset.UtcNow);

        foreach (object e in new object[] { note, editedNote, deletedNote })
        {
            EventCatalogue.For(e).Public(e).ShouldBeNull();
            EventCatalogue.For(e).Audience(e).ShouldBe(Audience.Staff);
        }
        var edited = editedNote with { IsPrivateNote = false };
        EventCatalogue.For(edited).Public(edited)!.Type.ShouldBe(IntegrationEventTypes.MessageEdited);
    }

    /// <summary>One instance of every stored event type, with default values.</summary>
    private static IEnumerable<object> Samples() => StoredEventTypes.Select(t =>
    {
        var constructor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Default(p.ParameterType))]);
    });

    private static object? Default(Type type) =>
        type == typeof(string) ? "x"
        : type.IsValueType ? Activator.CreateInstance(type)
        : type.IsAssignableTo(typeof(System.Collections.IEnumerable)) ? Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()))
        : null;
}
