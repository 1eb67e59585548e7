using System.Text.Encodings.Web;
using Chat.Api.Infrastructure;
using Chat.Api.Identity;
using Marten;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Chat.Api.Web;

/// <summary>
/// <c>GET /</c>: a sample business site with the demo workspace's widget on it, so that whoever runs the service and opens
/// its address can chat at once. The page is the built template with the workspace's current widget key filled in.
/// </summary>
public static class DemoPage
{
    public const string TemplatePath = "demo/index.html";
    private const string KeyPlaceholder = "{{WIDGET_KEY}}";

    // Same-origin scripts and styles only; the widget's style element (and Vue's style bindings) need inline styles.
    // Images shown from attachments are blob: addresses of files fetched with the token.
    public const string Policy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
                                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapDemoPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ServeAsync(IWebHostEnvironment environment, IOptions<ChatOptions> options, IDocumentStore store,
        HttpContext http, CancellationToken ct)
    {
        var demo = options.Value.Demo;
        if (!demo.Enabled) return Problems.NotFound("The demo site is switched off (Chat:Demo:Enabled).");
        var template = environment.WebRootFileProvider.GetFileInfo(TemplatePath);
        if (!template.Exists) return Problems.NotFound("The front end is not built: build Chat.Api (it runs the Chat.Web build).");

        await using var session = store.QuerySession();
        var workspace = await session.LoadAsync<Workspace>(demo.WorkspaceId, ct);
        if (workspace is null) return Problems.NotFound("The demo workspace does not exist yet.");

        string page;
        await using (var stream = template.CreateReadStream())
        using (var reader = new StreamReader(stream))
            page = await reader.ReadToEndAsync(ct);

        var headers = http.Response.Headers;
        // The key can be rotated, so the page is never kept.
        headers[HeaderNames.CacheControl] = "no-store";
        headers[HeaderNames.ContentSecurityPolicy] = Policy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return Results.Content(page.Replace(KeyPlaceholder, HtmlEncoder.Default.Encode(workspace.WidgetKey)), "text/html; charset=utf-8");
    }
}
