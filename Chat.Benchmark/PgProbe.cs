using Npgsql;

namespace Chat.Benchmark;

/// <summary>
/// Transactions and rows written, as PostgreSQL's cumulative statistics count them for one database, and SQL
/// statements executed in it where <c>pg_stat_statements</c> is loaded (null where it is not).
/// </summary>
public sealed record PgCounters(long Transactions, long RowsWritten, long? Statements)
{
    public static PgCounters operator -(PgCounters a, PgCounters b) =>
        new(a.Transactions - b.Transactions, a.RowsWritten - b.RowsWritten, a.Statements - b.Statements);
}

/// <summary>
/// What PostgreSQL itself tells about the service's database: transactions and rows written from the standard
/// statistics, and statements from <c>pg_stat_statements</c> when the server preloads it
/// (<c>shared_preload_libraries</c>, set by scripts/infrastructure.sh; it takes effect only with a restart,
/// which the benchmark never does).
/// </summary>
public sealed class PgProbe(string connectionString) : IAsyncDisposable
{
    private bool? statementsCounted;

    /// <summary>Whether SQL statements are counted: pg_stat_statements is preloaded (its extension is then created here).</summary>
    public async Task<bool> CountsStatementsAsync()
    {
        if (statementsCounted is { } known) return known;
        var preloaded = await ScalarAsync<bool>(
            "select 'pg_stat_statements' = any(string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ','))");
        if (preloaded) await ScalarAsync<object>("create extension if not exists pg_stat_statements");
        statementsCounted = preloaded;
        return preloaded;
    }

    /// <summary>
    /// How long a backend may keep its counts before publishing them: PostgreSQL 15 flushes a busy
    /// backend's statistics about once a second and an idle one's after at most ten.
    /// </summary>
    public static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(11);

    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    /// <summary>The same database as libpq's keyword form, for psql and pgbench.</summary>
    public static string Libpq(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={b.Host} port={b.Port} dbname={b.Database} user={b.Username} password={b.Password}";
    }

    /// <summary>The position in the write-ahead log, in bytes: the difference of two is the WAL written meanwhile (by the whole server).</summary>
    public async Task<long> WalPositionAsync() => await ScalarAsync<long>("select (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint");

    /// <summary>
    /// Transactions ended in this database, rows inserted, updated or deleted in its tables and, where counted,
    /// statements executed in it (every connection's, summed over pg_stat_statements' entries of this database;
    /// those update at once, unlike the other two). The probe's own reads count too: about two transactions
    /// and a few statements a second, a few hundredths per message under load.
    /// </summary>
    public async Task<PgCounters> CountersAsync()
    {
        var statements = await CountsStatementsAsync()
            ? "(select coalesce(sum(calls), 0)::bigint from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()))"
            : "null::bigint";
        await using var command = source.CreateCommand($"""
            select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()),
                   (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint from pg_stat_user_tables),
                   {statements}
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PgCounters(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    /// <summary>The server processes serving this database's connections, other than the probe's own.</summary>
    public async Task<List<int>> BackendPidsAsync()
    {
        await using var command = source.CreateCommand("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }

    /// <summary>Events stored by the service (Marten's table in Chat's schema); 0 before the service first ran.</summary>
    public async Task<long> StoredEventsAsync() =>
        await ScalarAsync<bool>("select to_regclass('chat.mt_events') is not null")
            ? await ScalarAsync<long>("select count(*) from chat.mt_events")
            : 0;

    /// <summary>
    /// Copies every stream of the workspace that holds the most events into a new workspace (tenant) named
    /// after it, events and all, in their order, under new sequence numbers and event ids. Conjoined tenancy
    /// keys streams and documents by workspace, so a copy is another workspace with the same history.
    /// Returns the events copied. For the rebuild's measure only: the service must not be running.
    /// </summary>
    public async Task<long> CopyBusiestWorkspaceAsync(int copy)
    {
        var tenant = await ScalarAsync<string>("select tenant_id from chat.mt_events where tenant_id not like '%-copy-%' group by 1 order by count(*) desc limit 1");
        var streamColumns = await ColumnsAsync("mt_streams", "tenant_id");
        var eventColumns = await ColumnsAsync("mt_events", "tenant_id", "seq_id", "id");
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""
            insert into chat.mt_streams (tenant_id, {streamColumns}) select @copy, {streamColumns} from chat.mt_streams where tenant_id = @tenant;
            insert into chat.mt_events (tenant_id, seq_id, id, {eventColumns})
              select @copy, nextval('chat.mt_events_sequence'), gen_random_uuid(), {eventColumns}
              from (select * from chat.mt_events where tenant_id = @tenant order by seq_id) original;
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("copy", $"{tenant}-copy-{copy}");
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        await using var count = new NpgsqlCommand("select count(*) from chat.mt_events where tenant_id = @tenant", connection);
        count.Parameters.AddWithValue("tenant", tenant);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>How many workspace copies <see cref="CopyBusiestWorkspaceAsync"/> has made in this database.</summary>
    public async Task<long> WorkspaceCopiesAsync() =>
        await ScalarAsync<long>("select count(distinct tenant_id) from chat.mt_streams where tenant_id like '%-copy-%'");

    /// <summary>The integration relay's row in Marten's progression table (<c>IntegrationRelay.RelayName</c> and Marten's shard suffix).</summary>
    public const string IntegrationRelayProgress = "integration_events:All";

    /// <summary>
    /// Makes the stored events a backlog of integration events, as after a broker outage: the integration relay
    /// goes back to the start, every other subscription (the webhook relay) is marked caught up, as it would be
    /// after an outage of RabbitMQ only. Returns the last stored sequence number, where the relay will stop.
    /// The relay's row is deleted, not set to 0: Marten takes a position of 0 for "no row yet" and inserts one,
    /// which fails on the existing key, and the subscription then sends its first page again and again.
    /// For the drain's measure only: the service must not be running.
    /// </summary>
    public async Task<long> ReplayIntegrationEventsAsync()
    {
        var last = await ScalarAsync<long>("select coalesce(max(seq_id), 0) from chat.mt_events");
        await using var command = source.CreateCommand("""
            with relay as (delete from chat.mt_event_progression where name = $1 returning name),
                 others as (update chat.mt_event_progression set last_seq_id = $2
                            where name not like 'HighWater%' and name <> $1 returning name)
            select name from relay union all select name from others
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = IntegrationRelayProgress });
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        if (!names.Contains(IntegrationRelayProgress))
            throw new InvalidOperationException($"No row {IntegrationRelayProgress} in chat.mt_event_progression (rows: {string.Join(", ", names)}): " +
                "did the service run with Chat:RabbitMq:Enabled on this database?");
        return last;
    }

    /// <summary>How far the integration relay has sent (its stored position); 0 before it first stored one.</summary>
    public async Task<long> IntegrationRelayPositionAsync()
    {
        await using var command = source.CreateCommand("select last_seq_id from chat.mt_event_progression where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = IntegrationRelayProgress });
        return await command.ExecuteScalarAsync() is long position ? position : 0;
    }

    private async Task<string> ColumnsAsync(string table, params string[] except)
    {
        await using var command = source.CreateCommand(
            "select string_agg(quote_ident(column_name), ', ' order by ordinal_position) from information_schema.columns " +
            "where table_schema = 'chat' and table_name = $1 and column_name <> all($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        command.Parameters.Add(new NpgsqlParameter { Value = except });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
