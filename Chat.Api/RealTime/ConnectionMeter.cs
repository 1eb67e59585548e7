using Chat.Api.Operations;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.RealTime;

/// <summary>
/// Counts the open connections of each hub on this node (<c>chat.hub.connections</c>); a connection refused on
/// connecting never counts, because the count rises only once the rest of the connect has succeeded.
/// </summary>
public sealed class ConnectionMeter(ChatMetrics metrics) : IHubFilter
{
    private static readonly object Counted = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        metrics.Connected(HubName(context.Hub));
        context.Context.Items[Counted] = true;
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(Counted)) metrics.Disconnected(HubName(context.Hub));
        await next(context, exception);
    }

    private static string HubName(Hub hub) => hub is AgentHub ? "agent" : "visitor";
}
