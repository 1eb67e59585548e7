using Microsoft.Net.Http.Headers;

namespace Chat.Api.Web;

/// <summary>
/// Headers every answer carries, set just before it starts, so whatever answered (an endpoint, a static file, a
/// problem) is covered. A page that needs its own content policy (the dashboard, the demo page) sets it and keeps it.
/// Nothing of Chat is meant to be framed: the widget is a script in the host page, not a frame.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For answers that are not pages (JSON, problems, scripts): they may load nothing and be framed nowhere.</summary>
    public const string NothingPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy)) headers[HeaderNames.ContentSecurityPolicy] = NothingPolicy;
            // Answers of the API hold conversations and tokens: no browser or proxy keeps them.
            if (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey(HeaderNames.CacheControl))
                headers[HeaderNames.CacheControl] = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
