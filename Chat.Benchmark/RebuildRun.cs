using System.Diagnostics;

namespace Chat.Benchmark;

public sealed record RebuildResult(long Events, double StartupSeconds, double CommandSeconds, double CommandCpuSeconds, Costs Costs, string? Error)
{
    /// <summary>The command's time less the time the same program takes to start and list the projections.</summary>
    public double RebuildSeconds => Math.Max(0.001, CommandSeconds - StartupSeconds);
    public double EventsPerSecond => Events / RebuildSeconds;
}

/// <summary>
/// Times the command <c>./rebuild.sh</c> runs, <c>projections rebuild</c> of the service's program, over every
/// event stored in the database (without <c>dotnet run</c>'s build check, which is not the rebuild). The
/// same program's <c>projections list</c> is timed first: it starts the host and reads the store's
/// configuration without rebuilding, so the difference is the rebuild itself. Where the service stored fewer
/// events than asked for (<see cref="BenchmarkOptions.Events"/>), its busiest workspace is copied into further
/// workspaces first: the same real streams, stored in seconds instead of minutes.
/// </summary>
public sealed class RebuildRun(BenchmarkOptions options, PgProbe pg)
{
    public async Task<RebuildResult> RunAsync()
    {
        var events = await CopyUpToAsync(pg, options.Events);
        var startup = await RunCommandAsync("projections list");
        if (startup.ExitCode != 0) return Failed(events, startup);
        Console.WriteLine($"Rebuilding the projections over {events:N0} events (startup alone: {startup.Seconds:F1} s)...");
        var costs = await CostWindow.StartAsync(null, pg);
        var rebuild = await RunCommandAsync("projections rebuild");
        var measured = await costs.StopAsync(waitForCounters: false);
        return rebuild.ExitCode != 0
            ? Failed(events, rebuild)
            : new RebuildResult(events, startup.Seconds, rebuild.Seconds, rebuild.CpuSeconds, measured, null);
    }

    /// <summary>Copies the busiest workspace into further ones until the database holds <paramref name="wanted"/> events; returns the events stored.</summary>
    public static async Task<long> CopyUpToAsync(PgProbe pg, long wanted)
    {
        var events = await pg.StoredEventsAsync();
        // Copies already made are numbered on, never made twice under one name.
        var copy = (int)await pg.WorkspaceCopiesAsync();
        while (events < wanted)
        {
            var copied = await pg.CopyBusiestWorkspaceAsync(++copy);
            events = await pg.StoredEventsAsync();
            Console.WriteLine($"Copied a workspace's {copied:N0} events into a workspace of their own: {events:N0} events stored.");
        }
        return events;
    }

    private static RebuildResult Failed(long events, CommandRun run) =>
        new(events, 0, run.Seconds, run.CpuSeconds, new Costs(run.Seconds, 0, 0, 0, 0, 0, 0, null),
            $"exit code {run.ExitCode}: {string.Join('\n', run.Output.Split('\n').TakeLast(15))}");

    private sealed record CommandRun(int ExitCode, double Seconds, double CpuSeconds, string Output);

    /// <summary>Runs the service's program with the arguments given, in its own folder (where its settings are).</summary>
    private async Task<CommandRun> RunCommandAsync(string arguments)
    {
        var program = options.RebuildProgram;
        var start = new ProcessStartInfo("dotnet", $"\"{Path.GetFileName(program)}\" {arguments}")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(program)),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // The CPU of a process can no longer be read once it has exited: it is sampled until then.
        double cpu = 0;
        var exited = process.WaitForExitAsync();
        while (await Task.WhenAny(exited, Task.Delay(200)) != exited) cpu = ProcessCpu.Seconds(process.Id) ?? cpu;
        var seconds = clock.Elapsed.TotalSeconds;
        return new CommandRun(process.ExitCode, seconds, cpu, await output + await error);
    }
}
