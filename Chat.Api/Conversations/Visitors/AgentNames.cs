using Chat.Api.Catalog;
using Chat.Domain;
using Chat.Projections.Live;
using Marten;

namespace Chat.Api.Conversations.Visitors;

/// <summary>
/// Agents as visitors know them: by display name, never by email. The live push and the visitor's catch-up both name
/// the agents of their facts here, so a fact reads the same whichever way it arrived.
/// </summary>
public static class AgentNames
{
    public static async Task<IReadOnlyDictionary<Guid, string>> LoadAsync(IQuerySession session, IEnumerable<Guid> agentIds,
        CancellationToken ct)
    {
        var ids = agentIds.Distinct().ToArray();
        if (ids.Length == 0) return new Dictionary<Guid, string>();
        var profiles = await session.LoadManyAsync<AgentProfile>(ct, ids);
        return profiles.ToDictionary(p => p.Id, p => p.DisplayName);
    }

    /// <summary>The facts with their agents named; reads nothing when no fact names an agent.</summary>
    public static async Task<IReadOnlyList<LiveEvent>> NameAsync(IQuerySession session, IReadOnlyList<LiveEvent> events,
        CancellationToken ct)
    {
        var names = await LoadAsync(session, events.Select(e => AgentOf(e.Data)).OfType<Guid>(), ct);
        return names.Count == 0 ? events : [.. events.Select(e => e with { Data = Named(e.Data, names) })];
    }

    public static Guid? AgentOf(MessageData message) =>
        message.AuthorKind == AuthorKind.Agent && Guid.TryParse(message.AuthorId, out var id) ? id : null;

    private static Guid? AgentOf(object data) => data switch
    {
        MessageData m => AgentOf(m),
        AssignedData a => a.AgentId,
        _ => null,
    };

    private static object Named(object data, IReadOnlyDictionary<Guid, string> names) => data switch
    {
        MessageData m when AgentOf(m) is { } id && names.TryGetValue(id, out var name) => m with { AuthorName = name },
        AssignedData a when names.TryGetValue(a.AgentId, out var name) => a with { AgentName = name },
        _ => data,
    };
}
