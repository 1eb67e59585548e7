using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Domain.Threads;
using JasperFx.Events;

namespace Chat.Projections.Live;

/// <summary>
/// A <see cref="LiveEvent"/> that crossed the broker between nodes arrives with its payload as plain JSON (the payload is
/// typed <c>object</c>). Reading it back into its record by the event's type lets every node treat pushes alike, for
/// example naming the agent of a message or an assignment.
/// </summary>
public static class LiveEventData
{
    private static readonly IReadOnlyDictionary<string, Type> PayloadTypes = new Dictionary<string, Type>
    {
        [Name<ThreadStarted>()] = typeof(ThreadStartedData),
        [Name<ThreadQueued>()] = typeof(ThreadQueuedData),
        [Name<MessagePosted>()] = typeof(MessageData),
        [Name<PrivateNoteAdded>()] = typeof(NoteData),
        [Name<MessageEdited>()] = typeof(MessageEditedData),
        [Name<MessageDeleted>()] = typeof(MessageDeletedData),
        [Name<MessagesRead>()] = typeof(ReadData),
        [Name<ThreadAssigned>()] = typeof(AssignedData),
        [Name<ThreadUnassigned>()] = typeof(UnassignedData),
        [Name<ThreadTagged>()] = typeof(TagData),
        [Name<ThreadUntagged>()] = typeof(TagData),
        [Name<PriorityChanged>()] = typeof(PriorityData),
        [Name<StatusChanged>()] = typeof(StatusData),
        [Name<ThreadClosed>()] = typeof(ClosedData),
        [Name<ThreadReopened>()] = typeof(ReopenedData),
        [Name<ThreadRated>()] = typeof(RatedData),
        [Name<ThreadRouted>()] = typeof(RoutedData),
        [Name<AssignmentExpired>()] = typeof(AssignmentExpiredData),
        [Name<ThreadTransferred>()] = typeof(TransferredData),
        [Name<ThreadMissed>()] = typeof(MissedData),
    };

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static string Name<TEvent>() => typeof(TEvent).GetEventTypeName();

    public static LiveEvent Typed(LiveEvent e) =>
        e.Data is JsonElement json && PayloadTypes.TryGetValue(e.Type, out var type) && json.Deserialize(type, Options) is { } data
            ? e with { Data = data }
            : e;
}
