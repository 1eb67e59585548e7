using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Chat.Api.Widget;

/// <summary>
/// The requests a widget on another site makes: its settings, the session start, the visitor API and the visitor hub. Only these
/// answer cross-origin, and only to the origins the visitor's workspace allows.
/// </summary>
public static class VisitorSurface
{
    public const string SessionsPath = "/api/widget/sessions";
    public const string SettingsPath = "/api/widget/settings";

    /// <summary>The session start and the settings name their workspace by the widget key, so their endpoints check the origin.</summary>
    public static bool ChecksOwnOrigin(PathString path) => path.StartsWithSegments(SessionsPath) || path.StartsWithSegments(SettingsPath);

    public static bool Contains(PathString path) =>
        ChecksOwnOrigin(path) || path.StartsWithSegments("/api/visitor") || path.StartsWithSegments("/hubs/visitor");

    /// <summary>
    /// Admits a request whose workspace allows its Origin (or that is same-origin or carries none), and has the CORS
    /// headers added to its answer; otherwise the 403 to answer with, before anything is done.
    /// </summary>
    public static IResult? Admit(HttpContext context, IReadOnlyList<string> allowed)
    {
        if (!CrossOrigin.IsForeign(context.Request, out var origin)) return null;
        if (!allowed.Contains(origin)) return Problems.Forbidden($"The workspace does not allow its widget on {origin}.");

        var cors = context.RequestServices.GetRequiredService<ICorsService>();
        var result = cors.EvaluatePolicy(context, ActualRequestPolicy(origin));
        // Applied as the answer starts, as the CORS middleware does, so an error answer (a 503 with Retry-After) keeps them.
        context.Response.OnStarting(() =>
        {
            cors.ApplyResult(result, context.Response);
            return Task.CompletedTask;
        });
        return null;
    }

    // No credentials: the widget authenticates with a bearer token in a header, never with cookies.
    private static CorsPolicy ActualRequestPolicy(string origin) => new CorsPolicyBuilder()
        .WithOrigins(origin).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After", "Location").Build();
}
