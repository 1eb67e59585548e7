using Chat.Api.AdminLog;
using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Workspaces;

public sealed record WorkspaceChange(string? Name, string? TimeZone = null);

/// <summary>
/// Admins rename their workspace and rotate its widget key. A rotated key is refused at once: every page must carry
/// the new snippet, and visitors already chatting keep their tokens until they renew them.
/// </summary>
public static class WorkspaceSettings
{
    public static RouteGroupBuilder MapWorkspaceSettings(this RouteGroupBuilder staff)
    {
        var workspace = staff.MapGroup("/workspace").RequireAuthorization(Policies.Administer).WithTags("Workspace");
        workspace.MapPatch("", (WorkspaceChange change, HttpContext http, IDocumentStore store, CancellationToken ct) =>
            change switch
            {
                { Name: null, TimeZone: { } zone } => TimeZones.Find(zone) is null
                    ? Task.FromResult(Problems.Invalid("timeZone must be an IANA time zone such as Europe/Berlin."))
                    : ChangeAsync(http, store, AdminActions.TimeZoneChanged, w => w with { TimeZone = TimeZones.Find(zone)!.Id },
                        w => new { w.TimeZone }, ct),
                _ when change.TimeZone is not null => Task.FromResult(Problems.Invalid("Change the name and the time zone one at a time.")),
                _ when CatalogRules.CheckName(change.Name, "name") is { } problem => Task.FromResult(Problems.Invalid(problem)),
                _ => ChangeAsync(http, store, AdminActions.WorkspaceRenamed, w => w with { Name = change.Name!.Trim() }, w => new { w.Name }, ct),
            });
        // The widget key is public (it is in every page), so the log may show it.
        workspace.MapPost("/widget-key", (HttpContext http, IDocumentStore store, CancellationToken ct) =>
            ChangeAsync(http, store, AdminActions.WidgetKeyRotated, w => w with { WidgetKey = WorkspaceCreation.NewWidgetKey() },
                w => new { w.WidgetKey }, ct));
        return staff;
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, IDocumentStore store, string action, Func<Workspace, Workspace> change,
        Func<Workspace, object> logged, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Workspace>(http.User.WorkspaceId(), ct) is not { } workspace)
            return Problems.NotFound("The workspace no longer exists.");
        var changed = change(workspace);
        session.Store(changed);
        session.RecordAdminChange(http, action, workspace.Id, logged(workspace), logged(changed));
        await session.SaveChangesAsync(ct);
        return Results.Ok(changed);
    }
}
