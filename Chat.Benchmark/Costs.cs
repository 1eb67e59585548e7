namespace Chat.Benchmark;

/// <summary>
/// What a stretch of load cost in total: CPU seconds of each process, WAL bytes, and PostgreSQL's counters
/// (null where they were not waited for). PostgreSQL's CPU is all its processes (every backend, the WAL
/// writer, the checkpointer...), of which <see cref="DatabaseBackendsCpu"/> the backends of the service's
/// database; it, the WAL and RabbitMQ's CPU include whatever else the machine runs meanwhile.
/// </summary>
public sealed record Costs(double Seconds, double ServiceCpu, double PostgresCpu, double DatabaseBackendsCpu, double RabbitMqCpu, double ClientCpu,
    long WalBytes, PgCounters? Counters)
{
    public CostPerMessage PerMessage(int messages)
    {
        var n = Math.Max(1, messages);
        return new CostPerMessage(ServiceCpu * 1000 / n, PostgresCpu * 1000 / n, DatabaseBackendsCpu * 1000 / n, RabbitMqCpu * 1000 / n,
            ClientCpu * 1000 / n, (double)WalBytes / n, Counters is null ? null : (double)Counters.Transactions / n,
            Counters is null ? null : (double)Counters.RowsWritten / n, Counters?.Statements is { } statements ? (double)statements / n : null);
    }
}

/// <summary>The same figures divided by the messages delivered: CPU in milliseconds, WAL in bytes.</summary>
public sealed record CostPerMessage(double ServiceCpuMs, double PostgresCpuMs, double DatabaseBackendsCpuMs, double RabbitMqCpuMs,
    double ClientCpuMs, double WalBytes, double? Transactions, double? RowsWritten, double? Statements);

/// <summary>
/// Measures <see cref="Costs"/> between its start and its stop. PostgreSQL's backends come and go with the
/// connection pools, so its processes are sampled twice a second: one that exits loses at most its last half second.
/// </summary>
public sealed class CostWindow
{
    private readonly ServerProcess? server;
    private readonly PgProbe pg;
    private readonly GroupCpu postgres = new(), rabbitMq = new();
    private readonly HashSet<int> databaseBackends = [];
    private readonly CancellationTokenSource stopSampling = new();
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private double serviceStart, clientStart;
    private long walStart;
    private PgCounters countersStart = new(0, 0, null);
    private Task sampling = Task.CompletedTask;

    private CostWindow(ServerProcess? server, PgProbe pg) => (this.server, this.pg) = (server, pg);

    public static async Task<CostWindow> StartAsync(ServerProcess? server, PgProbe pg)
    {
        var window = new CostWindow(server, pg);
        window.countersStart = await pg.CountersAsync();
        await window.SampleAsync();
        window.walStart = await pg.WalPositionAsync();
        window.serviceStart = server?.CpuSeconds() ?? 0;
        window.clientStart = ProcessCpu.Seconds(Environment.ProcessId) ?? 0;
        window.clock.Restart();
        window.sampling = window.SampleEveryHalfSecondAsync();
        return window;
    }

    /// <summary>
    /// The costs so far. With <paramref name="waitForCounters"/>, PostgreSQL's counters are read once its
    /// backends have published them (<see cref="PgProbe.StatisticsDelay"/>); CPU and WAL are read at once.
    /// </summary>
    public async Task<Costs> StopAsync(bool waitForCounters)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        var service = (server?.CpuSeconds() ?? 0) - serviceStart;
        var client = (ProcessCpu.Seconds(Environment.ProcessId) ?? 0) - clientStart;
        await stopSampling.CancelAsync();
        await sampling;
        await SampleAsync();
        var wal = await pg.WalPositionAsync() - walStart;
        PgCounters? counters = null;
        if (waitForCounters)
        {
            await Task.Delay(PgProbe.StatisticsDelay);
            counters = await pg.CountersAsync() - countersStart;
        }
        return new Costs(seconds, service, postgres.Used(), postgres.Used(databaseBackends.Contains), rabbitMq.Used(), client, wal, counters);
    }

    private async Task SampleEveryHalfSecondAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stopSampling.Token)) await SampleAsync();
        }
        catch (OperationCanceledException) { }
    }

    private async Task SampleAsync()
    {
        databaseBackends.UnionWith(await pg.BackendPidsAsync());
        var processes = ProcessCpu.Named("postgres", "beam.smp");
        postgres.Observe(processes["postgres"]);
        rabbitMq.Observe(processes["beam.smp"]);
    }

    /// <summary>CPU used by a set of processes that may change while it is watched.</summary>
    private sealed class GroupCpu
    {
        private readonly Dictionary<int, (double First, double Last)> seen = [];
        private bool started;

        public void Observe(IEnumerable<int> pids)
        {
            foreach (var pid in pids)
            {
                if (ProcessCpu.Seconds(pid) is not { } now) continue;
                // A process first seen after the first look began meanwhile: all of its time is in the window.
                seen[pid] = seen.TryGetValue(pid, out var s) ? (s.First, now) : (started ? 0 : now, now);
            }
            started = true;
        }

        public double Used(Func<int, bool>? only = null) => seen.Where(s => only?.Invoke(s.Key) ?? true).Sum(s => s.Value.Last - s.Value.First);
    }
}
