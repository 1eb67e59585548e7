using System.Collections.Concurrent;
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
    /// <summary>
    /// Names change rarely and every node pushes every fact of every conversation, so names are kept for a short
    /// while instead of read for each push: a rename shows at once on the node that made it, on the others within
    /// <see cref="KeptFor"/>.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<Guid, (string Name, long Until)> Kept = new();

    public static async Task<IReadOnlyDictionary<Guid, string>> LoadAsync(IQuerySession session, IEnumerable<Guid> agentIds,
        CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var names = new Dictionary<Guid, string>();
        var missing = new List<Guid>();
        foreach (var id in agentIds.Distinct())
        {
            if (Kept.TryGetValue(id, out var kept) && kept.Until > now) names[id] = kept.Name;
            else missing.Add(id);
        }
        if (missing.Count == 0) return names;

        foreach (var profile in await session.LoadManyAsync<AgentProfile>(ct, missing))
        {
            names[profile.Id] = profile.DisplayName;
            Kept[profile.Id] = (profile.DisplayName, now + (long)KeptFor.TotalMilliseconds);
        }
        return names;
    }

    /// <summary>Drops a kept name, after a rename on this node.</summary>
    public static void Forget(Guid agentId) => Kept.TryRemove(agentId, out _);

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
        TransferredData t => t.ToAgentId,
        _ => null,
    };

    private static object Named(object data, IReadOnlyDictionary<Guid, string> names) => data switch
    {
        MessageData m when AgentOf(m) is { } id && names.TryGetValue(id, out var name) => m with { AuthorName = name },
        AssignedData a when names.TryGetValue(a.AgentId, out var name) => a with { AgentName = name },
        TransferredData { ToAgentId: { } to } t when names.TryGetValue(to, out var name) => t with { ToAgentName = name },
        _ => data,
    };
}
