using System.Text.Json;

namespace Chat.Benchmark;

/// <summary>The figures as a table for people and as JSON for machines.</summary>
public static class Report
{
    public static object Figures(LoadResult load, IdleResult idle, PgBenchResult pg, BenchmarkOptions options) => new
    {
        machine = Machine(),
        load = new
        {
            mode = load.Mode, conversations = load.Conversations, agents = load.Agents,
            saturation = Phase(load.Saturation), paced = Phase(load.Paced),
            assignmentMs = Percentiles(load.AssignmentMs), serverPeakMiB = Math.Round(load.ServerPeakBytes / 1048576.0),
        },
        idle = new { requested = idle.Requested, held = idle.Held, serverMiBBefore = idle.ServerBytesBefore / 1048576, serverMiBAfter = idle.ServerBytesAfter / 1048576,
            kiBPerConnection = Math.Round(idle.BytesPerConnection / 1024, 1) },
        postgres = new { clients = pg.Clients, commitsPerSecond = Math.Round(pg.CommitsPerSecond), error = pg.Error,
            chatStoredShareOfCeiling = pg.CommitsPerSecond > 0 ? Math.Round(load.Saturation.StoredPerSecond / pg.CommitsPerSecond, 3) : (double?)null },
        targets = new
        {
            deliveredPerSecondAtLeast2000 = load.Saturation.DeliveredPerSecond >= 2000,
            p99Below50MsAt2000PerSecond = load.Paced.OfferedPerSecond >= 2000 && load.Paced.Latencies.Count > 0
                && Percentile(load.Paced.Latencies, 0.99) < 50 && load.Paced.DeliveredPerSecond >= 1900,
            p99Below50MsWhenPaced = load.Paced.Latencies.Count > 0 && Percentile(load.Paced.Latencies, 0.99) < 50,
            nothingLost = load.Saturation.Lost + load.Saturation.Duplicated + load.Paced.Lost + load.Paced.Duplicated == 0,
            idle5000Held = idle.Held >= 5000,
            serviceCpuAtMost1MsPerMessage = load.Saturation.CostPerMessage.ServiceCpuMs <= 1,
            walAtMost3KBPerMessage = load.Saturation.CostPerMessage.WalBytes <= 3000,
            integrationP99LagBelow1sAtSaturation = load.Saturation.Integration is { LagMs.Count: > 0 } seen
                ? Percentile(seen.LagMs, 0.99) < 1000 : (bool?)null,
        },
    };

    /// <summary>The load average (1, 5 and 15 minutes) when the benchmark started: on a shared machine, how busy it was.</summary>
    public static readonly string? LoadAverageAtStart = LoadAverage();

    public static object Machine() => new
    {
        cores = Environment.ProcessorCount, memoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, 1),
        os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString(),
        finishedAt = DateTimeOffset.UtcNow.ToString("u"), loadAverageAtStart = LoadAverageAtStart, loadAverageAtEnd = LoadAverage(),
    };

    private static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    /// <summary>
    /// A message's cost. Transactions and rows written come from PostgreSQL's standard statistics; SQL statements
    /// from pg_stat_statements, null where the server does not preload it (loading it takes a restart).
    /// </summary>
    public static object Cost(CostPerMessage c) => new
    {
        cpuMs = new
        {
            service = Math.Round(c.ServiceCpuMs, 3), postgres = Math.Round(c.PostgresCpuMs, 3),
            postgresThisDatabaseBackends = Math.Round(c.DatabaseBackendsCpuMs, 3), rabbitMq = Math.Round(c.RabbitMqCpuMs, 3),
            client = Math.Round(c.ClientCpuMs, 3),
        },
        walBytes = Math.Round(c.WalBytes), postgresTransactions = Round(c.Transactions, 2), postgresRowsWritten = Round(c.RowsWritten, 2),
        postgresStatements = Round(c.Statements, 2),
    };

    public static IEnumerable<(string, string)> CostRows(CostPerMessage c, string indent)
    {
        yield return ($"{indent}CPU ms per message", $"service {c.ServiceCpuMs:F2}  PostgreSQL {c.PostgresCpuMs:F2} (this database's backends " +
            $"{c.DatabaseBackendsCpuMs:F2})  RabbitMQ {c.RabbitMqCpuMs:F2}  client {c.ClientCpuMs:F2}");
        yield return ($"{indent}WAL bytes per message", $"{c.WalBytes:N0}");
        if (c.Transactions is { } transactions)
            yield return ($"{indent}PostgreSQL per message", $"{transactions:F2} transactions, {c.RowsWritten:F2} rows written, " +
                (c.Statements is { } statements ? $"{statements:F2} statements" : "statements: not counted (pg_stat_statements not preloaded)"));
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static object Phase(PhaseResult phase) => new
    {
        seconds = Math.Round(phase.Seconds, 1), offeredPerSecond = phase.OfferedPerSecond > 0 ? Math.Round(phase.OfferedPerSecond) : (double?)null,
        sent = phase.Sent, acknowledged = phase.Acked, delivered = phase.Delivered,
        deliveredPerSecond = Math.Round(phase.DeliveredPerSecond), storedPerSecond = Math.Round(phase.StoredPerSecond),
        latencyMs = Percentiles(phase.Latencies), errors = phase.Errors, lost = phase.Lost, duplicated = phase.Duplicated,
        serverCpuCores = Math.Round(phase.ServerCpuCores, 2), costPerMessage = Cost(phase.CostPerMessage),
        integrationEvents = phase.Integration is { } seen ? Integration(seen, phase.Seconds) : null,
    };

    /// <summary>What the integration consumer saw of a phase; the rate is over the phase's length.</summary>
    public static object Integration(IntegrationSeen seen, double seconds) => new
    {
        received = seen.Received, unique = seen.Unique, duplicates = seen.Duplicates, orderViolations = seen.OrderViolations,
        messagePosted = seen.MessagesPosted, perSecond = Math.Round(seen.Unique / seconds), lagMs = Percentiles(seen.LagMs),
    };

    public static IEnumerable<(string, string)> IntegrationRows(IntegrationSeen? seen, double seconds, string indent)
    {
        if (seen is null)
        {
            yield return ($"{indent}integration events", "not measured (no --rabbitmq)");
            yield break;
        }
        yield return ($"{indent}integration events", $"{seen.Unique} received ({seen.Unique / seconds:F0}/s over the phase, {seen.MessagesPosted} message.posted), " +
            $"{seen.Duplicates} duplicates, {seen.OrderViolations} out of order");
        yield return ($"{indent}integration lag ms", Ms(seen.LagMs));
    }

    public static void Print(LoadResult load, IdleResult idle, PgBenchResult pg)
    {
        (string, string)[] rows =
        [
            ("mode", $"{load.Mode}, {load.Conversations} conversations, {load.Agents} agents"),
            ("saturation (closed loop)", $"{load.Saturation.Seconds:F1} s"),
            ("  delivered messages/s", $"{load.Saturation.DeliveredPerSecond:F0} ({load.Saturation.Delivered} delivered)"),
            ("  stored messages/s", $"{load.Saturation.StoredPerSecond:F0} ({load.Saturation.Acked} acknowledged of {load.Saturation.Sent} sent)"),
            ("  delivery latency ms", Ms(load.Saturation.Latencies)),
            ("  errors / lost / duplicated", $"{load.Saturation.Errors} / {load.Saturation.Lost} / {load.Saturation.Duplicated}"),
            ("  server CPU (cores)", $"{load.Saturation.ServerCpuCores:F2}"),
            .. CostRows(load.Saturation.CostPerMessage, "  "),
            .. IntegrationRows(load.Saturation.Integration, load.Saturation.Seconds, "  "),
            ("paced (open loop)", $"{load.Paced.OfferedPerSecond:F0} messages/s offered for {load.Paced.Seconds:F1} s"),
            ("  delivered messages/s", $"{load.Paced.DeliveredPerSecond:F0} ({load.Paced.Delivered} delivered)"),
            ("  delivery latency ms", Ms(load.Paced.Latencies)),
            ("  errors / lost / duplicated", $"{load.Paced.Errors} / {load.Paced.Lost} / {load.Paced.Duplicated}"),
            ("  server CPU (cores)", $"{load.Paced.ServerCpuCores:F2}"),
            .. CostRows(load.Paced.CostPerMessage, "  "),
            .. IntegrationRows(load.Paced.Integration, load.Paced.Seconds, "  "),
            ("first message to assignment ms", Ms(load.AssignmentMs)),
            ("server peak memory", $"{load.ServerPeakBytes / 1048576} MiB"),
            ("idle connections held", $"{idle.Held} of {idle.Requested}, {idle.BytesPerConnection / 1024:F1} KiB each on the server"),
            ("PostgreSQL one-row commits/s", pg.Error is null ? $"{pg.CommitsPerSecond:F0} at {pg.Clients} clients" : $"not measured: {pg.Error.Trim()}"),
            ("Chat stored / PostgreSQL ceiling", pg.CommitsPerSecond > 0 ? $"{load.Saturation.StoredPerSecond / pg.CommitsPerSecond:P1}" : "n/a"),
        ];
        Table(rows);
    }

    public static string Ms(IReadOnlyList<double> sorted) => sorted.Count == 0 ? "n/a"
        : $"p50 {Percentile(sorted, 0.5):F1}  p95 {Percentile(sorted, 0.95):F1}  p99 {Percentile(sorted, 0.99):F1}  max {sorted[^1]:F1}";

    public static void Table(IReadOnlyList<(string Name, string Value)> rows)
    {
        var width = rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows) Console.WriteLine($"{name.PadRight(width)}  {value}");
    }

    public static object Percentiles(IReadOnlyList<double> sorted) => new
    {
        p50 = Math.Round(Percentile(sorted, 0.5), 2), p95 = Math.Round(Percentile(sorted, 0.95), 2),
        p99 = Math.Round(Percentile(sorted, 0.99), 2), max = sorted.Count == 0 ? 0 : Math.Round(sorted[^1], 2), count = sorted.Count,
    };

    /// <summary>The p-quantile of sorted values; 0 when there are none (JSON has no NaN).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static async Task WriteAsync(string path, object figures)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
    }
}
