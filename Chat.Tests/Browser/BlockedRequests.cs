using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>A request the browser kept from its page for want of CORS permission, and the status the server had answered.</summary>
public sealed record BlockedRequest(string Url, string CorsError, int? Status);

/// <summary>
/// Watches one page's network through the DevTools protocol for what the page itself is never told: that a request
/// failed CORS, why, and with which status the server had answered it (Playwright reports no response for those).
/// </summary>
public sealed class BlockedRequests
{
    private readonly ConcurrentDictionary<string, string> urls = new();
    private readonly ConcurrentDictionary<string, int> statuses = new();
    private readonly ConcurrentDictionary<string, string> corsErrors = new();
    private readonly SemaphoreSlim changed = new(0);

    private BlockedRequests() { }

    public static async Task<BlockedRequests> WatchAsync(IBrowserContext context, IPage page)
    {
        var watch = new BlockedRequests();
        var devTools = await context.NewCDPSessionAsync(page);
        devTools.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            watch.Record(e, json => watch.urls[Id(json)] = json.GetProperty("request").GetProperty("url").GetString()!);
        devTools.Event("Network.responseReceivedExtraInfo").OnEvent += (_, e) =>
            watch.Record(e, json => watch.statuses[Id(json)] = json.GetProperty("statusCode").GetInt32());
        devTools.Event("Network.loadingFailed").OnEvent += (_, e) => watch.Record(e, json =>
        {
            if (json.TryGetProperty("corsErrorStatus", out var cors))
                watch.corsErrors[Id(json)] = cors.GetProperty("corsError").GetString()!;
        });
        await devTools.SendAsync("Network.enable");
        return watch;
    }

    /// <summary>Waits until a request whose URL contains the text was blocked and its status is known.</summary>
    public async Task<BlockedRequest> WaitForAsync(string urlContains, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = corsErrors.Keys
                .Where(id => urls.TryGetValue(id, out var url) && url.Contains(urlContains) && statuses.ContainsKey(id))
                .Select(id => new BlockedRequest(urls[id], corsErrors[id], statuses[id])).FirstOrDefault();
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
                throw new TimeoutException($"No blocked request to *{urlContains}* within {seconds}s; blocked: {string.Join(", ", corsErrors.Keys.Select(id => urls.GetValueOrDefault(id, id)))}");
        }
    }

    private void Record(JsonElement? data, Action<JsonElement> record)
    {
        if (data is not { } json) return;
        record(json);
        changed.Release();
    }

    private static string Id(JsonElement json) => json.GetProperty("requestId").GetString()!;
}
