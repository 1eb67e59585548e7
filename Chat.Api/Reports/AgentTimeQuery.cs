using Chat.Api.Catalog;
using Chat.Api.Infrastructure;
using Chat.Projections.Reports;
using Marten;
using Npgsql;

namespace Chat.Api.Reports;

/// <summary>One agent's time in a report's range: online, chats held, and how many at once against their limit.</summary>
public sealed record AgentTime(Guid AgentId, string Name, double OnlineSeconds, int Assigned, double HeldSeconds, double? AverageOpen,
    int PeakOpen, int Limit);

/// <summary>
/// Online time from the agents' status spans (each lasts until the agent's next), load from the spans in which each
/// agent held each thread. Both are cut to the range and to now: the future has no load yet.
/// </summary>
public static class AgentTimeQuery
{
    private const string Spans = $"{MartenSetup.SchemaName}.mt_doc_agentstatusspan";

    private const string OnlineSql = $"""
        with spans as (
            select agent_id, data->>'status' as status, since,
                   lead(since) over (partition by agent_id order by since) as until
            from {Spans} where tenant_id = @workspace)
        select agent_id, sum(extract(epoch from (least(coalesce(until, @end), @end) - greatest(since, @start))))::float8
        from spans
        where status = 'Online' and since < @end and coalesce(until, @end) > @start
        group by agent_id
        """;

    public static async Task<IReadOnlyList<AgentTime>> ReadAsync(IDocumentStore store, string workspaceId, ReportRange range, ReportFilter filter,
        DateTimeOffset now, CancellationToken ct)
    {
        var start = range.StartUtc;
        var end = range.EndUtc < now ? range.EndUtc : now;
        var online = end > start ? await OnlineAsync(store, workspaceId, start, end, ct) : new Dictionary<Guid, double>();

        await using var session = store.QuerySession(workspaceId);
        var agents = await session.Query<AgentProfile>().Where(a => a.Role != Identity.Roles.Auditor).ToListAsync(ct);
        var threads = end > start
            ? await session.Query<ThreadFacts>().Where(f => f.StartedAt < end && (f.ClosedAt == null || f.ClosedAt > start)).ToListAsync(ct)
            : [];
        var held = threads.SelectMany(t => t.Held)
            .Select(h => (h.AgentId, From: h.From > start ? h.From : start, To: h.To is { } to && to < end ? to : end, Started: h.From >= start))
            .Where(h => h.To > h.From)
            .ToLookup(h => h.AgentId);

        return [.. agents
            .Where(a => filter.AgentId is null || a.Id == filter.AgentId)
            .Where(a => filter.Group is null || a.Groups.Contains(filter.Group))
            .Where(a => !a.Deleted || online.ContainsKey(a.Id) || held[a.Id].Any())
            .Select(a =>
            {
                var spans = held[a.Id].ToList();
                var heldSeconds = Math.Round(spans.Sum(s => (s.To - s.From).TotalSeconds), 3);
                var onlineSeconds = Math.Round(online.GetValueOrDefault(a.Id), 3);
                return new AgentTime(a.Id, a.DisplayName, onlineSeconds, spans.Count(s => s.Started), heldSeconds,
                    onlineSeconds > 0 ? Math.Round(heldSeconds / onlineSeconds, 3) : null, Peak(spans.Select(s => (s.From, s.To))),
                    a.MaxConcurrentChats);
            })
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The most chats held at one instant; a chat handed over at the very moment another arrives counts once.</summary>
    private static int Peak(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> spans)
    {
        var (open, peak) = (0, 0);
        foreach (var (_, change) in spans.SelectMany(s => new[] { (s.From, +1), (s.To, -1) }).OrderBy(c => c.Item1).ThenBy(c => c.Item2))
            peak = Math.Max(peak, open += change);
        return peak;
    }

    private static async Task<Dictionary<Guid, double>> OnlineAsync(IDocumentStore store, string workspaceId, DateTimeOffset start,
        DateTimeOffset end, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(OnlineSql, connection);
        command.Parameters.AddWithValue("workspace", workspaceId);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var online = new Dictionary<Guid, double>();
        while (await reader.ReadAsync(ct)) online[reader.GetGuid(0)] = reader.GetDouble(1);
        return online;
    }
}
