using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Chat.Tests.Browser.Widget;

/// <summary>
/// Takes a browser context off the network and back, as a train tunnel does. Chromium's offline mode refuses new
/// requests but leaves open WebSockets alone, so the widget's live connections are routed through Playwright and cut
/// by hand as the network goes.
/// </summary>
public sealed class NetworkDrops
{
    private readonly IBrowserContext context;
    private readonly ConcurrentBag<IWebSocketRoute> sockets = [];

    private NetworkDrops(IBrowserContext context) => this.context = context;

    /// <summary>Install before the page opens, so every live connection it makes goes through the switch.</summary>
    public static async Task<NetworkDrops> InstallAsync(IBrowserContext context, string hub = "visitor")
    {
        var drops = new NetworkDrops(context);
        await context.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex($"/hubs/{hub}"), socket =>
        {
            socket.ConnectToServer();
            drops.sockets.Add(socket);
        });
        return drops;
    }

    public async Task GoOfflineAsync()
    {
        await context.SetOfflineAsync(true);
        foreach (var socket in sockets) await socket.CloseAsync(new() { Code = 4000, Reason = "network gone" });
    }

    public Task ComeBackAsync() => context.SetOfflineAsync(false);
}
