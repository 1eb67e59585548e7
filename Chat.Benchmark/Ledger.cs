using System.Collections.Concurrent;
using System.Diagnostics;

namespace Chat.Benchmark;

/// <summary>
/// Every message sent, by client message id, and every arrival at the other side: what was acknowledged
/// and never arrived is lost; what arrived twice is duplicated. Latency is from the moment the send was
/// due to the arrival, on this process's monotonic clock.
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, long> sentAt = new();
    private readonly ConcurrentDictionary<string, byte> acknowledged = new();
    private readonly ConcurrentDictionary<string, int> arrivals = new();
    private readonly ConcurrentBag<double> latenciesMs = [];
    private int errors;

    /// <summary>A send that was due at a moment on the monotonic clock: latency counts from then.</summary>
    public void Sending(string clientMessageId, long dueAt) => sentAt[clientMessageId] = dueAt;
    public void Acknowledged(string clientMessageId) => acknowledged[clientMessageId] = 0;
    public void Failed() => Interlocked.Increment(ref errors);

    public void Arrived(string clientMessageId)
    {
        var count = arrivals.AddOrUpdate(clientMessageId, 1, (_, n) => n + 1);
        if (count == 1 && sentAt.TryGetValue(clientMessageId, out var started))
            latenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public int Sent => sentAt.Count;
    public int Acked => acknowledged.Count;
    public int Delivered => arrivals.Keys.Count(sentAt.ContainsKey);
    public int Errors => errors;
    public int Lost => acknowledged.Keys.Count(id => !arrivals.ContainsKey(id));
    public int Duplicated => arrivals.Count(a => a.Value > 1 && sentAt.ContainsKey(a.Key));
    public IReadOnlyList<double> Latencies => [.. latenciesMs.Order()];
}
