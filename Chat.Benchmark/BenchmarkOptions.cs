namespace Chat.Benchmark;

/// <summary>What to run, from "--name value" pairs; every option has a default.</summary>
public sealed record BenchmarkOptions(
    string Run, string Url, int Visitors, int Agents, int Seconds, string Mode, int IdleConnections, string Output,
    string AdminEmail, string AdminPassword, int? ServerPid, string PgConnection, double Rate, int PacedSeconds, int WarmupSeconds,
    int Messages, int Window, long Events, long SeedEvents, string RebuildProgram, string RabbitMq)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string fallback) => values.GetValueOrDefault(key) ?? Environment.GetEnvironmentVariable($"BENCH_{key.ToUpperInvariant().Replace('-', '_')}") ?? fallback;

        // load: the saturation and paced phases and the idle connections; growth: one conversation grown long;
        // fill: stores events through the load's conversations; rebuild: times the projections' rebuild over them;
        // drain: times how fast a backlog of integration events reaches a consumer.
        var run = Get("run", "load");
        return new BenchmarkOptions(
            run,
            Get("url", "http://localhost:5000"),
            int.Parse(Get("visitors", "200")),
            int.Parse(Get("agents", "20")),
            int.Parse(Get("seconds", "20")),
            Get("mode", "hub"),
            int.Parse(Get("idle", "5000")),
            Get("out", run == "load" ? "benchmark-results.json" : $".chat/benchmark-{run}.json"),
            Get("admin-email", "admin@demo.local"),
            Get("admin-password", ""),
            values.TryGetValue("server-pid", out var pid) ? int.Parse(pid) : null,
            // The service's own connection string (Npgsql's form); pgbench and psql get it in libpq's.
            Get("pg", "Host=127.0.0.1;Port=5432;Database=chat;Username=postgres;Password=postgres"),
            // Messages/s offered in the paced phase; 0 offers half of what the saturation phase sustained.
            double.Parse(Get("rate", "0"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("paced-seconds", "15")),
            int.Parse(Get("warmup", "30")),
            int.Parse(Get("messages", "10000")),
            int.Parse(Get("window", "200")),
            long.Parse(Get("events", "100000")),
            // Events stored through the service before the rebuild run copies them up to --events.
            long.Parse(Get("seed-events", "20000")),
            Get("rebuild-program", "Chat.Api/bin/Release/net10.0/Chat.Api.dll"),
            // The service's broker (AMQP URI): a consumer of the integration events measures their lag; none when empty.
            Get("rabbitmq", ""));
    }
}
