using Chat.Domain.Threads;
using Chat.Projections.Routing;
using Marten;

namespace Chat.Api.Operations;

/// <summary>
/// Counts the waiting threads of all workspaces every few seconds for the <c>chat.queue.length</c> gauge. Runs only
/// where metrics leave the process (OTLP or Prometheus): one indexed count, never per message.
/// </summary>
public sealed class QueueLengthSampler(IDocumentStore store, ChatMetrics metrics, ILogger<QueueLengthSampler> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await using var session = store.QuerySession();
                metrics.QueueSampled(await session.Query<RoutingThread>()
                    .Where(r => r.AnyTenant() && r.Status == ThreadStatus.Queued && r.AssigneeId == null).CountAsync(stopping));
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogDebug("The queue length could not be sampled ({Error}).", e.Message);
            }
        } while (await timer.WaitForNextTickAsync(stopping).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result));
    }
}
