using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Widget;

/// <summary>
/// The widget's public requests name their workspace by its widget key: the workspace it opens, or the refusal
/// (404 for an unknown key, 403 for a page whose origin the workspace does not allow).
/// </summary>
public static class WidgetKeys
{
    public static async Task<(Workspace? Workspace, IResult? Refusal)> OpenAsync(IDocumentStore store, string widgetKey,
        HttpContext http, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var workspace = await session.Query<Workspace>().FirstOrDefaultAsync(w => w.WidgetKey == widgetKey, ct);
        if (workspace is null) return (null, Problems.NotFound("No workspace has this widget key."));
        return VisitorSurface.Admit(http, workspace.AllowedOrigins) is { } refusal ? (null, refusal) : (workspace, null);
    }
}
