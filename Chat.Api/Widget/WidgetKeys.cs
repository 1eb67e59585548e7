using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Widget;

/// <summary>
/// The widget's public requests name their workspace by its widget key: the workspace it opens, or the refusal
/// (404 for an unknown key, 403 for a page whose origin the workspace does not allow). A refusal is readable by the page
/// that asked (it carries nothing but the reason), so the widget can say why it cannot work instead of guessing at a
/// network fault.
/// </summary>
public static class WidgetKeys
{
    public static async Task<(Workspace? Workspace, IResult? Refusal)> OpenAsync(IDocumentStore store, string widgetKey,
        HttpContext http, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var workspace = await session.Query<Workspace>().FirstOrDefaultAsync(w => w.WidgetKey == widgetKey, ct);
        var refusal = workspace is null
            ? Problems.NotFound("No workspace has this widget key.")
            : VisitorSurface.Admit(http, workspace.AllowedOrigins);
        if (refusal is null) return (workspace, null);
        LetThePageReadIt(http);
        return (null, refusal);
    }

    private static void LetThePageReadIt(HttpContext http)
    {
        if (!CrossOrigin.IsForeign(http.Request, out var origin)) return;
        http.Response.Headers.AccessControlAllowOrigin = origin;
        http.Response.Headers.Vary = "Origin";
    }
}
