using Chat.Benchmark;

var options = BenchmarkOptions.Parse(args);
if (options.AdminPassword.Length == 0)
{
    Console.Error.WriteLine("Give the admin password with --admin-password (bench.sh reads it from .chat/admin-password).");
    return 2;
}

var http = new ChatHttp(options.Url);
var server = ServerProcess.Find(options.ServerPid);
Console.WriteLine(server is null ? "Server process not found: no CPU and memory figures." : $"Measuring server process {server.Pid}.");

var adminToken = await http.LoginAsync(options.AdminEmail, options.AdminPassword);
var widgetKey = (await http.GetAsync("/api/workspace", adminToken)).GetProperty("widgetKey").GetString()!;

Console.WriteLine($"Load: {options.Visitors} conversations, {options.Agents} agents, {options.Seconds} s, sending through {options.Mode}...");
var load = await new LoadScenario(options, http, server).RunAsync(adminToken, widgetKey);
Console.WriteLine($"Idle: opening {options.IdleConnections} connections...");
var idle = await new IdleConnections(options, http, server).RunAsync(widgetKey);
Console.WriteLine($"PostgreSQL ceiling: pgbench, {options.Visitors} clients...");
var pg = await PgBench.RunAsync(options.PgConnection, options.Visitors, Math.Min(options.Seconds, 15));

Console.WriteLine();
Report.Print(load, idle, pg);
await Report.WriteAsync(options.Output, Report.Figures(load, idle, pg, options));
Console.WriteLine($"\nFigures written to {options.Output}.");
return 0;
