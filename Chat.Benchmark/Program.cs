using System.Diagnostics;
using Chat.Benchmark;

var options = BenchmarkOptions.Parse(args);
_ = Report.LoadAverageAtStart; // read before the benchmark itself adds to the load
await using var pg = new PgProbe(options.PgConnection);
if (options.Run == "rebuild")
{
    var rebuild = await new RebuildRun(options, pg).RunAsync();
    Console.WriteLine();
    RebuildReport.Print(rebuild);
    return await WriteAsync(RebuildReport.Figures(rebuild), rebuild.Error is null ? 0 : 1);
}

if (options.Run == "drain")
{
    if (options.RabbitMq.Length == 0)
    {
        Console.Error.WriteLine("The drain run needs the service's broker: --rabbitmq amqp://... (bench.sh passes it).");
        return 2;
    }
    var drain = await new DrainRun(options, new ChatHttp(options.Url), pg).RunAsync();
    Console.WriteLine();
    DrainReport.Print(drain);
    return await WriteAsync(DrainReport.Figures(drain), drain.Error is null ? 0 : 1);
}

if (options.AdminPassword.Length == 0)
{
    Console.Error.WriteLine("Give the admin password with --admin-password (bench.sh reads it from .chat/admin-password).");
    return 2;
}

var http = new ChatHttp(options.Url);
var server = ServerProcess.Find(options.ServerPid, options.Url);
Console.WriteLine(server is null ? "Server process not found: no CPU and memory figures." : $"Measuring server process {server.Pid}.");

var adminToken = await http.LoginAsync(options.AdminEmail, options.AdminPassword);
var widgetKey = (await http.GetAsync("/api/workspace", adminToken)).GetProperty("widgetKey").GetString()!;

switch (options.Run)
{
    case "growth":
        if (options.Messages < 300)
        {
            Console.Error.WriteLine("The growth run needs --messages 300 or more (three windows of at least 20).");
            return 2;
        }
        Console.WriteLine($"Growth: one conversation to {options.Messages:N0} messages through {options.Mode}...");
        var growth = await new GrowthRun(options, http, server, pg).RunAsync(adminToken, widgetKey);
        Console.WriteLine();
        GrowthReport.Print(growth);
        return await WriteAsync(GrowthReport.Figures(growth), 0);

    case "fill":
        // The rebuild run copies what is stored here into further workspaces up to --events.
        var wanted = Math.Min(options.Events, options.SeedEvents);
        var stored = await pg.StoredEventsAsync();
        if (stored >= wanted)
        {
            Console.WriteLine($"The database holds {stored:N0} events already, at least the {wanted:N0} to store through the service.");
            return 0;
        }
        Console.WriteLine($"Filling: {options.Visitors} conversations send until {wanted:N0} events are stored ({stored:N0} now)...");
        var progress = Stopwatch.StartNew();
        var reported = stored;
        var sent = await new LoadScenario(options, http, server, pg).FillAsync(adminToken, widgetKey, async () =>
        {
            stored = await pg.StoredEventsAsync();
            if (stored >= wanted || progress.Elapsed.TotalSeconds < 15) return stored >= wanted;
            Console.WriteLine($"  {stored:N0} events stored");
            // A service already running on another database would never fill this one.
            if (stored == reported) throw new InvalidOperationException($"No events stored in 15 s: does the service at {options.Url} use the database given by --pg?");
            reported = stored;
            progress.Restart();
            return false;
        });
        Console.WriteLine($"{sent:N0} messages sent; {await pg.StoredEventsAsync():N0} events stored.");
        return 0;

    default:
        Console.WriteLine($"Load: {options.Visitors} conversations, {options.Agents} agents, {options.Seconds} s, sending through {options.Mode}...");
        var load = await new LoadScenario(options, http, server, pg).RunAsync(adminToken, widgetKey);
        Console.WriteLine($"Idle: opening {options.IdleConnections} connections...");
        var idle = await new IdleConnections(options, http, server).RunAsync(widgetKey);
        Console.WriteLine($"PostgreSQL ceiling: pgbench, {options.Visitors} clients...");
        var ceiling = await PgBench.RunAsync(PgProbe.Libpq(options.PgConnection), options.Visitors, Math.Min(options.Seconds, 15));
        Console.WriteLine();
        Report.Print(load, idle, ceiling);
        return await WriteAsync(Report.Figures(load, idle, ceiling, options), 0);
}

async Task<int> WriteAsync(object figures, int exitCode)
{
    await Report.WriteAsync(options.Output, figures);
    Console.WriteLine($"\nFigures written to {options.Output}.");
    return exitCode;
}
