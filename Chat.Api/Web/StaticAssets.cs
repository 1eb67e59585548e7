using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Chat.Api.Web;

/// <summary>
/// The built front ends in wwwroot. A file whose name carries a content hash never changes, so browsers may keep it a
/// year; widget.js keeps its name (businesses paste it in their pages), so it is kept five minutes and then revalidated.
/// </summary>
public static partial class StaticAssets
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Widget = "public, max-age=300";
    public const string Revalidate = "no-cache";

    [GeneratedRegex(@"-[0-9a-f]{8,}\.[a-z0-9]+$", RegexOptions.IgnoreCase)]
    private static partial Regex HashedName();

    /// <summary>The dashboard's build puts only content-hashed files in its assets folder.</summary>
    public const string DashboardAssets = "/app/assets/";

    public static string CachePolicyFor(string requestPath, string fileName) =>
        HashedName().IsMatch(fileName) || requestPath.StartsWith(DashboardAssets, StringComparison.Ordinal) ? Immutable
        : fileName == "widget.js" ? Widget
        : Revalidate;

    public static IApplicationBuilder UseChatStaticFiles(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = context =>
        {
            var headers = context.Context.Response.Headers;
            headers[HeaderNames.CacheControl] = CachePolicyFor(context.Context.Request.Path.Value ?? "", context.File.Name);
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            // The dashboard's index asked for by its file name is the same page as under its routes.
            if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) headers[HeaderNames.ContentSecurityPolicy] = DemoPage.Policy;
        },
    });
}
