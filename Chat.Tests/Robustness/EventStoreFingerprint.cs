using Npgsql;

namespace Chat.Tests.Robustness;

/// <summary>
/// What a workspace holds in the store, cheaply: its events, and for every document table its rows and
/// their latest modification, so an insert, an update or a delete anywhere changes the fingerprint.
/// </summary>
public static class EventStoreFingerprint
{
    public static async Task<IReadOnlyList<string>> OfAsync(string connectionString, string workspaceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<(string Name, bool Tenanted)>();
        await using (var list = new NpgsqlCommand("""
            select t.table_name, exists(select 1 from information_schema.columns c
                where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'tenant_id')
            from information_schema.tables t where t.table_schema = 'chat' and t.table_name like 'mt_doc_%' order by 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetBoolean(1)));

        var parts = new List<string> { $"events:{await ScalarAsync(connection, "select count(*) || '/' || coalesce(max(seq_id), 0) from chat.mt_events where tenant_id = $1", workspaceId)}" };
        foreach (var (name, tenanted) in tables)
        {
            var where = tenanted ? "tenant_id = $1" : "strpos(data::text, $1) > 0";
            parts.Add($"{name}:{await ScalarAsync(connection, $"select count(*) || '/' || coalesce(max(mt_last_modified)::text, '') from chat.{name} where {where}", workspaceId)}");
        }
        return parts;
    }

    /// <summary>Waits until background work of the workspace (routing, queue places) has settled.</summary>
    public static async Task<IReadOnlyList<string>> SettledAsync(string connectionString, string workspaceId)
    {
        var last = await OfAsync(connectionString, workspaceId);
        var unchanged = 0;
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(250);
            var now = await OfAsync(connectionString, workspaceId);
            unchanged = now.SequenceEqual(last) ? unchanged + 1 : 0;
            if (unchanged == 4) return now;
            last = now;
        }
        throw new TimeoutException($"Workspace {workspaceId} kept changing: {string.Join(" ", last)}");
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql, string workspaceId)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = workspaceId } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
