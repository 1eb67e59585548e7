using System.Collections.Concurrent;

namespace Chat.Api.Webhooks;

/// <summary>
/// Counts the deliveries under way to each webhook subscription on this node, so that one receiver that hangs
/// cannot take every lane of the webhook queue and hold up the deliveries of the others.
/// </summary>
public sealed class ReceiverLanes
{
    private readonly ConcurrentDictionary<Guid, int> underWay = new();

    /// <summary>Takes a lane for the subscription when it has fewer than <paramref name="limit"/> in use.</summary>
    public bool TryEnter(Guid subscriptionId, int limit)
    {
        while (true)
        {
            var current = underWay.GetOrAdd(subscriptionId, 0);
            if (current >= limit) return false;
            if (underWay.TryUpdate(subscriptionId, current + 1, current)) return true;
        }
    }

    public void Leave(Guid subscriptionId) => underWay.AddOrUpdate(subscriptionId, 0, (_, n) => Math.Max(0, n - 1));
}
