using Chat.Api.AdminLog;
using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Identity.TwoFactor;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Workspaces;

/// <summary>What a PATCH changes; what it leaves out stays.</summary>
public sealed record WorkspaceChange(string? Name = null, bool? RequireTwoFactor = null, string? TimeZone = null, bool? FreeTags = null);

/// <summary>
/// Admins rename their workspace, set its time zone, require a second factor of all its staff, and rotate its widget key. Only an admin
/// with a second factor of their own turns the requirement on, so it can never lock out the one who set it. A rotated key is refused at once: every page must carry
/// the new snippet, and visitors already chatting keep their tokens until they renew them.
/// </summary>
public static class WorkspaceSettings
{
    public static RouteGroupBuilder MapWorkspaceSettings(this RouteGroupBuilder staff)
    {
        var workspace = staff.MapGroup("/workspace").RequireAuthorization(Policies.Administer).WithTags("Workspace");
        workspace.MapPatch("", PatchAsync);
        // The widget key is public (it is in every page), so the log may show it.
        workspace.MapPost("/widget-key", (HttpContext http, IDocumentStore store, CancellationToken ct) =>
            ChangeAsync(http, store, AdminActions.WidgetKeyRotated, w => w with { WidgetKey = WorkspaceCreation.NewWidgetKey() },
                w => new { w.WidgetKey }, ct));
        return staff;
    }

    private static async Task<IResult> PatchAsync(WorkspaceChange change, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (change is { Name: null, RequireTwoFactor: null, TimeZone: null, FreeTags: null })
            return Problems.Invalid("Name a change: name, requireTwoFactor, timeZone or freeTags.");
        if (change.Name is not null && CatalogRules.CheckName(change.Name, "name") is { } problem) return Problems.Invalid(problem);
        var zone = change.TimeZone is null ? null : TimeZones.Find(change.TimeZone);
        if (change.TimeZone is not null && zone is null) return Problems.Invalid("timeZone must be an IANA time zone such as Europe/Berlin.");
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Workspace>(http.User.WorkspaceId(), ct) is not { } workspace)
            return Problems.NotFound("The workspace no longer exists.");
        if (change.RequireTwoFactor == true && !workspace.RequireTwoFactor
            && !TwoFactorState.IsOn(await session.LoadAsync<TwoFactorState>(http.User.AgentId(), ct)))
            return Problems.Of(StatusCodes.Status409Conflict, "Conflict",
                "Turn on two-factor sign-in for your own account first, then require it of everyone.");

        var changed = workspace;
        if (change.Name is not null)
        {
            changed = changed with { Name = change.Name.Trim() };
            session.RecordAdminChange(http, AdminActions.WorkspaceRenamed, workspace.Id, new { workspace.Name }, new { changed.Name });
        }
        if (change.RequireTwoFactor is { } required && required != workspace.RequireTwoFactor)
        {
            changed = changed with { RequireTwoFactor = required };
            session.RecordAdminChange(http, AdminActions.TwoFactorRequirementChanged, workspace.Id,
                new { workspace.RequireTwoFactor }, new { changed.RequireTwoFactor });
        }
        if (zone is not null && zone.Id != workspace.TimeZone)
        {
            changed = changed with { TimeZone = zone.Id };
            session.RecordAdminChange(http, AdminActions.TimeZoneChanged, workspace.Id, new { workspace.TimeZone }, new { changed.TimeZone });
        }
        if (change.FreeTags is { } free && free != workspace.FreeTags)
        {
            changed = changed with { FreeTags = free };
            session.RecordAdminChange(http, AdminActions.FreeTagsChanged, workspace.Id, new { workspace.FreeTags }, new { changed.FreeTags });
        }
        session.Store(changed);
        await session.SaveChangesAsync(ct);
        return Results.Ok(changed);
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
