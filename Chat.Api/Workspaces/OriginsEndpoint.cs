using Chat.Api.AdminLog;
using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Workspaces;

public sealed record OriginsRequest(IReadOnlyList<string?>? Origins);

public sealed record OriginsAnswer(IReadOnlyList<string> Origins);

/// <summary>The sites allowed to embed the workspace's widget: read and replaced as a whole by its admins.</summary>
public static class OriginsEndpoint
{
    public static RouteGroupBuilder MapWorkspaceOrigins(this RouteGroupBuilder staff)
    {
        var origins = staff.MapGroup("/workspace/origins").RequireAuthorization(Policies.Administer).WithTags("Workspace");
        origins.MapGet("", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
        {
            await using var session = store.QuerySession();
            return await session.LoadAsync<Workspace>(user.WorkspaceId(), ct) is { } workspace
                ? Results.Ok(new OriginsAnswer(workspace.AllowedOrigins))
                : Problems.NotFound("The workspace no longer exists.");
        });
        origins.MapPut("", ReplaceAsync);
        return staff;
    }

    private static async Task<IResult> ReplaceAsync(OriginsRequest request, ClaimsPrincipal user, IDocumentStore store,
        WorkspaceOrigins cached, HttpContext http, CancellationToken ct)
    {
        var (allowed, problem) = AllowedOrigins.Normalize(request.Origins);
        if (problem is not null) return Problems.Invalid(problem);

        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Workspace>(user.WorkspaceId(), ct) is not { } workspace)
            return Problems.NotFound("The workspace no longer exists.");
        session.Store(workspace with { AllowedOrigins = allowed! });
        session.RecordAdminChange(http, AdminActions.OriginsChanged, workspace.Id, new { origins = workspace.AllowedOrigins }, new { origins = allowed });
        await session.SaveChangesAsync(ct);
        cached.Forget(workspace.Id, workspace.AllowedOrigins.Concat(allowed!));
        return Results.Ok(new OriginsAnswer(allowed!));
    }
}
