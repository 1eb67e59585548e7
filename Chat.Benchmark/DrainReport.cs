namespace Chat.Benchmark;

/// <summary>The drain's figures: how fast a backlog of integration events reached the consumer, and what it cost.</summary>
public static class DrainReport
{
    public static object Figures(DrainResult drain) => new
    {
        machine = Report.Machine(),
        drain = new
        {
            storedEvents = drain.StoredEvents, lastSequence = drain.LastSequence,
            received = drain.Seen.Received, unique = drain.Seen.Unique, duplicates = drain.Seen.Duplicates,
            orderViolations = drain.Seen.OrderViolations, messagePosted = drain.Seen.MessagesPosted,
            eventsPerSecond = Math.Round(drain.EventsPerSecond), eventsPerSecondFromServiceStart = Math.Round(drain.EventsPerSecondFromStart),
            serviceReadySeconds = Math.Round(drain.ReadySeconds, 1), firstEventSeconds = Math.Round(drain.FirstSeconds, 1),
            lastEventSeconds = Math.Round(drain.LastSeconds, 1),
            costPerEvent = Report.Cost(drain.Costs.PerMessage(drain.Seen.Unique)), error = drain.Error,
        },
        targets = new { atLeast5000EventsPerSecond = drain.Error is null && drain.EventsPerSecond >= 5000 },
    };

    public static void Print(DrainResult drain)
    {
        if (drain.Error is not null) Console.WriteLine($"The drain did not finish: {drain.Error}");
        Report.Table(
        [
            ("stored events", $"{drain.StoredEvents:N0} (last sequence {drain.LastSequence:N0})"),
            ("integration events received", $"{drain.Seen.Unique:N0} ({drain.Seen.MessagesPosted:N0} message.posted), " +
                $"{drain.Seen.Duplicates} duplicates, {drain.Seen.OrderViolations} out of order"),
            ("drain rate", $"{drain.EventsPerSecond:N0} events/s from the first to the last ({drain.LastSeconds - drain.FirstSeconds:F1} s)"),
            ("from the service's start", $"healthy after {drain.ReadySeconds:F1} s, first event {drain.FirstSeconds:F1} s, last {drain.LastSeconds:F1} s " +
                $"({drain.EventsPerSecondFromStart:N0} events/s)"),
            .. Report.CostRows(drain.Costs.PerMessage(drain.Seen.Unique), "").Select(r => (r.Item1.Replace("message", "event"), r.Item2)),
        ]);
    }
}
