using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Workspaces;

public sealed record WorkspaceChange(string? Name);

/// <summary>
/// Admins rename their workspace and rotate its widget key. A rotated key is refused at once: every page must carry
/// the new snippet, and visitors already chatting keep their tokens until they renew them.
/// </summary>
public static class WorkspaceSettings
{
    public static RouteGroupBuilder MapWorkspaceSettings(this RouteGroupBuilder staff)
    {
        var workspace = staff.MapGroup("/workspace").RequireAuthorization(Policies.Administer).WithTags("Workspace");
        workspace.MapPatch("", (WorkspaceChange change, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            CatalogRules.CheckName(change.Name, "name") is { } problem
                ? Task.FromResult(Problems.Invalid(problem))
                : ChangeAsync(user, store, w => w with { Name = change.Name!.Trim() }, ct));
        workspace.MapPost("/widget-key", (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            ChangeAsync(user, store, w => w with { WidgetKey = WorkspaceCreation.NewWidgetKey() }, ct));
        return staff;
    }

    private static async Task<IResult> ChangeAsync(ClaimsPrincipal user, IDocumentStore store, Func<Workspace, Workspace> change,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Workspace>(user.WorkspaceId(), ct) is not { } workspace)
            return Problems.NotFound("The workspace no longer exists.");
        var changed = change(workspace);
        session.Store(changed);
        await session.SaveChangesAsync(ct);
        return Results.Ok(changed);
    }
}
