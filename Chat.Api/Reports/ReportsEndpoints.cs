using System.Globalization;
using System.Text;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.Workspaces;
using Chat.Projections.Reports;
using Marten;
using Marten.Pagination;
using Microsoft.Extensions.Options;

namespace Chat.Api.Reports;

/// <summary>
/// Supervisors' and admins' figures: a summary cut by day, hour, group or agent, the threads behind any of its
/// figures, and the summary as CSV. Everything is counted from the threads' facts, which the async daemon keeps.
/// </summary>
public static class ReportsEndpoints
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder staff)
    {
        var reports = staff.MapGroup("/reports").RequireAuthorization(Policies.Supervise).WithTags("Reports");
        reports.MapGet("/summary", async (HttpContext http, IDocumentStore store, IOptions<ChatOptions> options, CancellationToken ct) =>
            await SummaryAsync(http, store, options.Value, ct) is var (summary, problem) && problem is null ? Results.Ok(summary) : problem);
        reports.MapGet("/summary.csv", async (HttpContext http, IDocumentStore store, IOptions<ChatOptions> options, CancellationToken ct) =>
            await SummaryAsync(http, store, options.Value, ct) is var (summary, problem) && problem is null
                ? Results.File(Encoding.UTF8.GetBytes(ReportCsv.Write(summary!)), "text/csv; charset=utf-8",
                    $"chat-report-{summary!.From}-{summary.To}-{summary.GroupBy}.csv")
                : problem);
        reports.MapGet("/threads", ThreadsAsync);
        reports.MapGet("/agents", async (HttpContext http, IDocumentStore store, IOptions<ChatOptions> options, TimeProvider clock,
            CancellationToken ct) =>
        {
            var workspaceId = http.User.WorkspaceId();
            var (range, filter, _, problem) = await ReadAsync(http, store, workspaceId, options.Value, ct);
            return problem ?? Results.Ok(await AgentTimeQuery.ReadAsync(store, workspaceId, range!, filter!, clock.GetUtcNow(), ct));
        });
        return staff;
    }

    private static async Task<(ReportSummary? Summary, IResult? Problem)> SummaryAsync(HttpContext http, IDocumentStore store, ChatOptions options,
        CancellationToken ct)
    {
        var workspaceId = http.User.WorkspaceId();
        var (range, filter, names, problem) = await ReadAsync(http, store, workspaceId, options, ct);
        if (problem is not null) return (null, problem);

        var (counted, total) = await SummaryQuery.CountAsync(store, workspaceId, range!, filter!, ct);
        IEnumerable<ReportRow> rows = range!.GroupBy is ReportGrouping.Day or ReportGrouping.Hour
            ? range.TimeKeys().Select(key => counted.GetValueOrDefault(key) ?? SummaryQuery.Empty(key))
            : counted.Values.OrderBy(r => names!.Label(range.GroupBy, r.Key), StringComparer.CurrentCultureIgnoreCase);
        var labelled = rows.Select(r => r with { Label = names!.Label(range.GroupBy, r.Key) }).ToList();
        return (new ReportSummary(range.Zone.Id, ReportRange.DayKey(range.From), ReportRange.DayKey(range.To),
            range.GroupBy.ToString().ToLowerInvariant(), labelled, total with { Key = "total", Label = "Total" }), null);
    }

    private static async Task<IResult> ThreadsAsync(HttpContext http, IDocumentStore store, IOptions<ChatOptions> options, CancellationToken ct,
        string? bucket = null, string? measure = null, int page = 1, int pageSize = 50)
    {
        var workspaceId = http.User.WorkspaceId();
        var (range, filter, names, problem) = await ReadAsync(http, store, workspaceId, options.Value, ct);
        if (problem is not null) return problem;
        if (page < 1 || pageSize is < 1 or > 200) return Problems.Invalid("page starts at 1; pageSize is 1 to 200.");
        if (ReportMeasures.Parse(measure) is not { } chosen) return Problems.Invalid("measure is one of started, answered, missed, closed, rated.");

        var (start, end) = (range!.StartUtc, range.EndUtc);
        var (group, agent, unassigned) = (filter!.Group, filter.AgentId, false);
        if (bucket is not null)
        {
            switch (range.GroupBy)
            {
                case ReportGrouping.Day or ReportGrouping.Hour:
                    if (range.Bucket(bucket) is not { } span) return Problems.Invalid("bucket is not a row of this report.");
                    (start, end) = span;
                    break;
                case ReportGrouping.Group:
                    group = bucket;
                    break;
                default:
                    if (bucket.Length == 0) unassigned = true;
                    else if (Guid.TryParse(bucket, out var id)) agent = id;
                    else return Problems.Invalid("bucket is not a row of this report.");
                    break;
            }
        }

        await using var session = store.QuerySession(workspaceId);
        var query = session.Query<ThreadFacts>().Where(f => f.StartedAt >= start && f.StartedAt < end);
        if (group is not null) query = query.Where(f => f.GroupId == group);
        if (agent is not null) query = query.Where(f => f.AgentId == agent);
        if (unassigned) query = query.Where(f => f.AgentId == null);
        var threads = await ReportMeasures.Apply(query, chosen).OrderBy(f => f.StartedAt).ToPagedListAsync(page, pageSize, ct);
        return Results.Ok(new ReportThreads([.. threads.Select(f => new ReportThread(f.ConversationId, f.Id, f.Number, f.StartedAt, f.GroupId,
                f.AgentId, f.AgentId is { } a ? names!.Agent(a) : null, f.FirstResponseSeconds, f.ResolutionSeconds, f.WaitingSeconds,
                f.Transfers, f.Missed, f.Rating))],
            (int)threads.TotalItemCount, page, pageSize));
    }

    /// <summary>The range, the filters and the names of the workspace's groups and agents, or the problem with them.</summary>
    private static async Task<(ReportRange?, ReportFilter?, ReportNames?, IResult?)> ReadAsync(HttpContext http, IDocumentStore store,
        string workspaceId, ChatOptions options, CancellationToken ct)
    {
        var query = http.Request.Query;
        await using var session = store.QuerySession(workspaceId);
        var workspace = await session.LoadAsync<Workspace>(workspaceId, ct);
        if (workspace is null) return (null, null, null, Problems.NotFound("The workspace no longer exists."));
        var zone = TimeZones.Find(workspace.TimeZone) ?? TimeZoneInfo.Utc;
        var (range, problem) = ReportRange.Parse(query["from"], query["to"], query["groupBy"], zone, options.Reports.MaxDays);
        if (problem is not null) return (null, null, null, Problems.Invalid(problem));

        var names = await ReportNames.LoadAsync(session, ct);
        string? group = query["group"];
        Guid? agentId = null;
        if (!string.IsNullOrEmpty(group) && !names.HasGroup(group)) return (null, null, null, Problems.NotFound("No such group."));
        if (!string.IsNullOrEmpty(query["agentId"]))
        {
            if (!Guid.TryParse(query["agentId"], out var id)) return (null, null, null, Problems.Invalid("agentId is an agent's id."));
            if (!names.HasAgent(id)) return (null, null, null, Problems.NotFound("No such agent."));
            agentId = id;
        }
        return (range, new ReportFilter(string.IsNullOrEmpty(group) ? null : group, agentId), names, null);
    }
}

/// <summary>The group and agent names the rows are labelled with, deleted ones included (their threads still count).</summary>
public sealed class ReportNames(IReadOnlyDictionary<string, string> groups, IReadOnlyDictionary<Guid, string> agents)
{
    public static async Task<ReportNames> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var groups = await session.Query<RoutingGroup>().ToListAsync(ct);
        var agents = await session.Query<AgentProfile>().ToListAsync(ct);
        return new ReportNames(groups.ToDictionary(g => g.Id, g => g.Name), agents.ToDictionary(a => a.Id, a => a.DisplayName));
    }

    public bool HasGroup(string id) => groups.ContainsKey(id);
    public bool HasAgent(Guid id) => agents.ContainsKey(id);
    public string? Agent(Guid id) => agents.GetValueOrDefault(id);

    public string Label(ReportGrouping grouping, string key) => grouping switch
    {
        ReportGrouping.Group => groups.GetValueOrDefault(key) ?? key,
        ReportGrouping.Agent => key.Length == 0 ? "Unassigned" : Guid.TryParse(key, out var id) ? agents.GetValueOrDefault(id) ?? key : key,
        _ => key,
    };
}

public enum ReportMeasure { Started, Answered, Missed, Closed, Rated }

public static class ReportMeasures
{
    public static ReportMeasure? Parse(string? text) =>
        string.IsNullOrEmpty(text) ? ReportMeasure.Started
        : Enum.TryParse<ReportMeasure>(text, ignoreCase: true, out var m) && Enum.IsDefined(m) ? m : null;

    public static IQueryable<ThreadFacts> Apply(IQueryable<ThreadFacts> query, ReportMeasure measure) => measure switch
    {
        ReportMeasure.Answered => query.Where(f => f.Answered),
        ReportMeasure.Missed => query.Where(f => f.Missed),
        ReportMeasure.Closed => query.Where(f => f.ClosedAt != null),
        ReportMeasure.Rated => query.Where(f => f.Rating != null),
        _ => query,
    };
}

/// <summary>The summary as a spreadsheet reads it: one line per row, then the total; numbers in invariant culture.</summary>
public static class ReportCsv
{
    public const string Header = "key,label,started,answered,missed,closed,transfers,first_response_median_s,first_response_p90_s,"
                                 + "resolution_median_s,resolution_p90_s,waiting_median_s,waiting_p90_s,csat_average,csat_count";

    public static string Write(ReportSummary summary)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var row in summary.Rows.Append(summary.Total))
        {
            csv.AppendJoin(',', Cell(row.Key), Cell(row.Label), row.Started, row.Answered, row.Missed, row.Closed, row.Transfers,
                Number(row.FirstResponse.Median), Number(row.FirstResponse.P90), Number(row.Resolution.Median), Number(row.Resolution.P90),
                Number(row.Waiting.Median), Number(row.Waiting.P90), Number(row.Csat.Average), row.Csat.Count).Append('\n');
        }
        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted when it must be; a cell a spreadsheet would run as a formula is prefixed so it stays text.</summary>
    private static string Cell(string text)
    {
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0])) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
