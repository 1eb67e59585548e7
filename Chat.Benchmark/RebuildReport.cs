namespace Chat.Benchmark;

/// <summary>The rebuild's figures: its rate over the stored events, and what it cost.</summary>
public static class RebuildReport
{
    public static object Figures(RebuildResult rebuild) => new
    {
        machine = Report.Machine(),
        rebuild = new
        {
            events = rebuild.Events, eventsPerSecond = Math.Round(rebuild.EventsPerSecond), rebuildSeconds = Math.Round(rebuild.RebuildSeconds, 1),
            commandSeconds = Math.Round(rebuild.CommandSeconds, 1), startupSeconds = Math.Round(rebuild.StartupSeconds, 1),
            commandCpuSeconds = Math.Round(rebuild.CommandCpuSeconds, 1), postgresCpuSeconds = Math.Round(rebuild.Costs.PostgresCpu, 1),
            walMiB = Math.Round(rebuild.Costs.WalBytes / 1048576.0, 1), error = rebuild.Error,
        },
        targets = new { atLeast20000EventsPerSecond = rebuild.Error is null && rebuild.EventsPerSecond >= 20000 },
    };

    public static void Print(RebuildResult rebuild)
    {
        if (rebuild.Error is not null)
        {
            Console.WriteLine($"The rebuild failed after {rebuild.CommandSeconds:F1} s, {rebuild.Error}");
            return;
        }
        Report.Table(
        [
            ("events rebuilt", $"{rebuild.Events:N0}"),
            ("rebuild rate", $"{rebuild.EventsPerSecond:N0} events/s ({rebuild.RebuildSeconds:F1} s)"),
            ("whole command", $"{rebuild.CommandSeconds:F1} s, of which {rebuild.StartupSeconds:F1} s starting (projections list)"),
            ("CPU", $"rebuilding process {rebuild.CommandCpuSeconds:F1} s, PostgreSQL {rebuild.Costs.PostgresCpu:F1} s"),
            ("WAL written", $"{rebuild.Costs.WalBytes / 1048576.0:F1} MiB"),
        ]);
    }
}
