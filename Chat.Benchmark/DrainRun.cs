using System.Diagnostics;

namespace Chat.Benchmark;

/// <summary>
/// How a backlog of integration events drained: <see cref="Seen"/> by the consumer; times from the service's
/// start (the process) to its health answering, to the first event and to the last; what it cost.
/// </summary>
public sealed record DrainResult(long StoredEvents, long LastSequence, double ReadySeconds, double FirstSeconds, double LastSeconds,
    IntegrationSeen Seen, Costs Costs, string? Error)
{
    /// <summary>The backlog's events over the time from the first to arrive to the last.</summary>
    public double EventsPerSecond => Seen.Unique / Math.Max(0.001, LastSeconds - FirstSeconds);

    /// <summary>The same from the service's start, its start-up included.</summary>
    public double EventsPerSecondFromStart => Seen.Unique / Math.Max(0.001, LastSeconds);
}

/// <summary>
/// A backlog of integration events after an outage, drained into a real consumer. With the service stopped, the
/// database is filled (the rebuild's copies) up to <see cref="BenchmarkOptions.Events"/>, the integration relay
/// is set back to the start of the event log (every other subscription marked caught up, as after an outage of
/// the broker alone), a consumer binds its queue; then the service is started and timed until the consumer has
/// every event up to the last stored one.
/// </summary>
public sealed class DrainRun(BenchmarkOptions options, ChatHttp http, PgProbe pg)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public async Task<DrainResult> RunAsync()
    {
        if (await http.HealthyAsync()) throw new InvalidOperationException($"The service at {options.Url} is running: the drain run starts it itself.");
        var stored = await RebuildRun.CopyUpToAsync(pg, options.Events);
        var last = await pg.ReplayIntegrationEventsAsync();
        await using var consumer = await IntegrationConsumer.StartAsync(options.RabbitMq);
        Console.WriteLine($"Draining {stored:N0} stored events (up to sequence {last:N0}) into queue {consumer.Queue}; starting the service...");

        using var service = StartService();
        var started = DateTimeOffset.UtcNow;
        var costs = await CostWindow.StartAsync(new ServerProcess(service.Id), pg);
        double? ready = null;
        string? error = null;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (service.HasExited) { error = $"the service exited with code {service.ExitCode}"; break; }
            if (ready is null && await http.HealthyAsync()) ready = clock.Elapsed.TotalSeconds;
            if (await pg.IntegrationRelayPositionAsync() >= last) break;
            if (clock.Elapsed > Limit) { error = $"the relay had not reached sequence {last} after {Limit.TotalMinutes} minutes"; break; }
            await Task.Delay(250);
        }
        // The relay stores its position only once the broker holds the page: what is left is on its way to the consumer.
        await consumer.WaitUntilQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2));
        // The host may answer HTTP only after the backlog is out (its start-up and the daemon overlap): noted as such.
        while (ready is null && error is null && !service.HasExited && clock.Elapsed < Limit)
        {
            if (await http.HealthyAsync()) ready = clock.Elapsed.TotalSeconds;
            else await Task.Delay(100);
        }
        var measured = await costs.StopAsync(waitForCounters: true);
        var seen = consumer.Take();
        await StopAsync(service);
        double Since(DateTimeOffset? at) => at is { } t ? (t - started).TotalSeconds : 0;
        return new DrainResult(stored, last, ready ?? 0, Since(seen.FirstArrival), Since(seen.LastArrival), seen, measured, error);
    }

    /// <summary>The service's built program, as bench.sh's rebuild runs it, in its own folder, with bench.sh's environment.</summary>
    private Process StartService()
    {
        var program = options.RebuildProgram;
        var start = new ProcessStartInfo("dotnet", $"\"{Path.GetFileName(program)}\" --urls {options.Url}")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(program)),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Chat__RabbitMq__Enabled"] = "true";
        var process = Process.Start(start)!;
        // Its output is read (and dropped) so that a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Stops the service as Ctrl+C would (SIGTERM), killing it after 30 s.</summary>
    private static async Task StopAsync(Process service)
    {
        if (service.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", service.Id.ToString()])) await kill.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await service.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            service.Kill(entireProcessTree: true);
        }
    }
}
