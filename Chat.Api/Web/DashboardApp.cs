using Microsoft.Net.Http.Headers;

namespace Chat.Api.Web;

/// <summary>
/// The agents' dashboard, a single-page app under <c>/app</c>: its hashed assets come from the static files, and every
/// other path under it without a file extension is the app's own route, answered with its index so a reload or a shared link works.
/// </summary>
public static class DashboardApp
{
    public const string Index = "app/index.html";

    public static IEndpointRouteBuilder MapDashboardApp(this IEndpointRouteBuilder app)
    {
        app.MapFallbackToFile("/app/{**route:nonfile}", Index, new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // The index names the current assets, so it is never kept; the assets themselves are kept a year.
                context.Context.Response.Headers[HeaderNames.CacheControl] = StaticAssets.Revalidate;
                context.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                context.Context.Response.Headers[HeaderNames.ContentSecurityPolicy] = DemoPage.Policy;
            },
        });
        return app;
    }
}
