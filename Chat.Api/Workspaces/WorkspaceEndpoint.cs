using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Workspaces;

public static class WorkspaceEndpoint
{
    /// <summary>The caller's workspace, with the widget key that goes into the site's embed snippet.</summary>
    public static RouteGroupBuilder MapWorkspace(this RouteGroupBuilder staff)
    {
        staff.MapGet("/workspace", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<Workspace>(user.WorkspaceId(), ct) is { } workspace
                    ? Results.Ok(workspace)
                    : Problems.NotFound("The workspace no longer exists.");
            })
            .RequireAuthorization(Policies.Administer).WithTags("Workspace");
        return staff;
    }
}
