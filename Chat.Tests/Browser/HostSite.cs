using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Browser;

/// <summary>
/// Somebody else's website, inside the test process: it serves the pages a test registers, so that a page can
/// embed Chat's widget from another origin. It listens on 127.0.0.1 and is addressed as <c>localhost</c>, so its
/// origin differs from Chat's (<c>http://127.0.0.1:port</c>) by host name as well as by port.
/// </summary>
public sealed class HostSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> pages = new();
    private readonly WebApplication app;

    private HostSite(WebApplication app) => this.app = app;

    /// <summary>As a browser writes it in the Origin header, e.g. <c>http://localhost:41234</c>.</summary>
    public string Origin { get; private set; } = "";

    public static async Task<HostSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var site = new HostSite(builder.Build());
        site.app.MapGet("/{**path}", (string? path) => site.pages.TryGetValue($"/{path}", out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
        await site.app.StartAsync();
        var bound = new Uri(site.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        site.Origin = $"http://localhost:{bound.Port}";
        return site;
    }

    /// <summary>Serves the page at the path (replacing one there) and returns its absolute URL.</summary>
    public string AddPage(string path, string html)
    {
        if (!path.StartsWith('/')) throw new ArgumentException("A page's path starts with '/'.", nameof(path));
        pages[path] = html;
        return Origin + path;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
