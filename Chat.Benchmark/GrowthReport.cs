namespace Chat.Benchmark;

/// <summary>The growth run's figures, window by window, and how the last window compares with the first.</summary>
public static class GrowthReport
{
    public static object Figures(GrowthResult growth)
    {
        var (first, last) = (growth.Windows[0], growth.Windows[^1]);
        double Ratio(double a, double b) => b == 0 ? 0 : Math.Round(a / b, 2);
        return new
        {
            machine = Report.Machine(),
            growth = new
            {
                mode = growth.Mode, length = growth.Length, seconds = Math.Round(growth.Seconds, 1),
                messagesPerSecond = Math.Round(growth.Length / growth.Seconds), errors = growth.Errors, lost = growth.Lost, duplicated = growth.Duplicated,
                windows = growth.Windows.Select(w => new
                {
                    fromLength = w.FromLength, messages = w.Messages, latencyMs = Report.Percentiles(w.Latencies), costPerMessage = Report.Cost(w.CostPerMessage),
                }),
                lastToFirst = new
                {
                    p50 = Ratio(Report.Percentile(last.Latencies, 0.5), Report.Percentile(first.Latencies, 0.5)),
                    p99 = Ratio(Report.Percentile(last.Latencies, 0.99), Report.Percentile(first.Latencies, 0.99)),
                    walBytes = Ratio(last.CostPerMessage.WalBytes, first.CostPerMessage.WalBytes),
                    serviceCpu = Ratio(last.CostPerMessage.ServiceCpuMs, first.CostPerMessage.ServiceCpuMs),
                },
            },
            targets = new
            {
                // Per-message figures at the end within 20 % of those at the start.
                p50WithinTwentyPercent = Report.Percentile(last.Latencies, 0.5) <= 1.2 * Report.Percentile(first.Latencies, 0.5),
                walWithinTwentyPercent = last.CostPerMessage.WalBytes <= 1.2 * first.CostPerMessage.WalBytes,
                nothingLost = growth.Errors + growth.Lost + growth.Duplicated == 0,
            },
        };
    }

    public static void Print(GrowthResult growth)
    {
        List<(string, string)> rows =
        [
            ("growth", $"one conversation to {growth.Length:N0} messages through {growth.Mode}, one at a time: {growth.Seconds:F0} s, " +
                $"{growth.Length / growth.Seconds:F0} messages/s"),
            ("errors / lost / duplicated", $"{growth.Errors} / {growth.Lost} / {growth.Duplicated}"),
        ];
        foreach (var w in growth.Windows)
        {
            rows.Add(($"messages {w.FromLength:N0} to {w.FromLength + w.Messages - 1:N0}", ""));
            rows.Add(("  delivery latency ms", Report.Ms(w.Latencies)));
            rows.AddRange(Report.CostRows(w.CostPerMessage, "  "));
        }
        Report.Table(rows);
    }
}
