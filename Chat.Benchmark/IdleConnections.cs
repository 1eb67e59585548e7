using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Benchmark;

public sealed record IdleResult(int Requested, int Held, long ServerBytesBefore, long ServerBytesAfter)
{
    public double BytesPerConnection => Held == 0 ? 0 : (ServerBytesAfter - ServerBytesBefore) / (double)Held;
}

/// <summary>Opens many visitor connections that stay idle, and reads how much server memory they hold.</summary>
public sealed class IdleConnections(BenchmarkOptions options, ChatHttp http, ServerProcess? server)
{
    public async Task<IdleResult> RunAsync(string widgetKey)
    {
        GC.Collect();
        var before = server?.ResidentBytes() ?? 0;
        var connections = new ConcurrentBag<HubConnection>();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.IdleConnections), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            try
            {
                var session = await http.PostAsync("/api/widget/sessions", new { widgetKey, name = $"Idle {i}" });
                var hub = http.Hub("visitor", session.GetProperty("visitorToken").GetString()!);
                await hub.StartAsync();
                connections.Add(hub);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or JsonException)
            {
                // Counted below: only connections that are still up are held.
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(5));
        var held = connections.Count(c => c.State == HubConnectionState.Connected);
        var after = server?.ResidentBytes() ?? 0;
        await Parallel.ForEachAsync(connections, async (c, _) => await c.DisposeAsync());
        return new IdleResult(options.IdleConnections, held, before, after);
    }
}
