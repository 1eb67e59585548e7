using Chat.Api.Infrastructure;
using Marten;
using Npgsql;

namespace Chat.Api.Reports;

/// <summary>
/// The report's figures, counted by PostgreSQL over the threads' facts: every figure is exact over the rows it covers
/// (no pre-aggregated buckets, whose day boundaries would pin one time zone), and the work stays in the database
/// however many threads a range holds. The columns it filters on are duplicated out of the JSON and indexed.
/// </summary>
public static class SummaryQuery
{
    private const string Table = $"{MartenSetup.SchemaName}.mt_doc_threadfacts";

    private const string Figures = """
        count(*)::int,
        count(*) filter (where (data->>'answered')::boolean)::int,
        count(*) filter (where (data->>'missed')::boolean)::int,
        count(*) filter (where data->>'closedAt' is not null)::int,
        coalesce(sum((data->>'transfers')::int), 0)::int,
        percentile_cont(0.5) within group (order by (data->>'firstResponseSeconds')::float8),
        percentile_cont(0.9) within group (order by (data->>'firstResponseSeconds')::float8),
        percentile_cont(0.5) within group (order by (data->>'resolutionSeconds')::float8),
        percentile_cont(0.9) within group (order by (data->>'resolutionSeconds')::float8),
        percentile_cont(0.5) within group (order by (data->>'waitingSeconds')::float8),
        percentile_cont(0.9) within group (order by (data->>'waitingSeconds')::float8),
        avg((data->>'rating')::float8),
        count(data->>'rating')::int,
        count(*) filter (where (data->>'rating')::int = 1)::int,
        count(*) filter (where (data->>'rating')::int = 2)::int,
        count(*) filter (where (data->>'rating')::int = 3)::int,
        count(*) filter (where (data->>'rating')::int = 4)::int,
        count(*) filter (where (data->>'rating')::int = 5)::int
        """;

    /// <summary>The figures per key (day, hour, group or agent) and over all, keyed "total".</summary>
    public static async Task<(Dictionary<string, ReportRow> Rows, ReportRow Total)> CountAsync(IDocumentStore store, string workspaceId,
        ReportRange range, ReportFilter filter, CancellationToken ct)
    {
        var key = range.GroupBy switch
        {
            ReportGrouping.Day => "to_char(started_at at time zone @zone, 'YYYY-MM-DD')",
            ReportGrouping.Hour => "to_char(date_trunc('hour', started_at at time zone @zone), 'YYYY-MM-DD\"T\"HH24:00')",
            ReportGrouping.Group => "group_id",
            _ => "coalesce(agent_id::text, '')",
        };
        var where = "tenant_id = @workspace and started_at >= @start and started_at < @end"
                    + (filter.Group is null ? "" : " and group_id = @group")
                    + (filter.AgentId is null ? "" : " and agent_id = @agent");
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"select {key}, {Figures} from {Table} where {where} group by 1 order by 1", workspaceId, range, filter),
                Command($"select 'total', {Figures} from {Table} where {where}", workspaceId, range, filter),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var rows = new Dictionary<string, ReportRow>();
        while (await reader.ReadAsync(ct)) rows[reader.GetString(0)] = Read(reader);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return (rows, Read(reader));
    }

    public static ReportRow Empty(string key) => new(key, key, 0, 0, 0, 0, 0, new(null, null), new(null, null), new(null, null),
        new Satisfaction(null, 0, Distribution(0, 0, 0, 0, 0)));

    private static NpgsqlBatchCommand Command(string sql, string workspaceId, ReportRange range, ReportFilter filter)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("workspace", workspaceId);
        command.Parameters.AddWithValue("zone", range.Zone.Id);
        command.Parameters.AddWithValue("start", range.StartUtc);
        command.Parameters.AddWithValue("end", range.EndUtc);
        if (filter.Group is not null) command.Parameters.AddWithValue("group", filter.Group);
        if (filter.AgentId is not null) command.Parameters.AddWithValue("agent", filter.AgentId.Value);
        return command;
    }

    private static ReportRow Read(NpgsqlDataReader r)
    {
        double? D(int i) => r.IsDBNull(i) ? null : Math.Round(r.GetDouble(i), 3);
        var key = r.GetString(0);
        return new ReportRow(key, key, r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
            new Spread(D(6), D(7)), new Spread(D(8), D(9)), new Spread(D(10), D(11)),
            new Satisfaction(D(12), r.GetInt32(13), Distribution(r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17), r.GetInt32(18))));
    }

    private static Dictionary<string, int> Distribution(params int[] counts) =>
        counts.Select((count, i) => (Score: (i + 1).ToString(), count)).ToDictionary(x => x.Score, x => x.count);
}

/// <summary>Narrows a report to one group or one agent.</summary>
public sealed record ReportFilter(string? Group, Guid? AgentId);
