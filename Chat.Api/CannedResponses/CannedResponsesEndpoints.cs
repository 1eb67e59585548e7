using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Projections.CannedResponses;
using Marten;

namespace Chat.Api.CannedResponses;

/// <summary>
/// Canned responses: the workspace's shared ones (supervisors and admins manage them) and each agent's personal ones
/// (only their owner sees and manages them). Every change is an event on the response's own stream.
/// </summary>
public static class CannedResponsesEndpoints
{
    public static RouteGroupBuilder MapCannedResponses(this RouteGroupBuilder staff)
    {
        var responses = staff.MapGroup("/canned-responses").RequireAuthorization(Policies.WorkConversations).WithTags("Canned responses");
        responses.MapGet("", ListAsync);
        responses.MapPost("", CreateCannedResponse.HandleAsync);
        responses.MapPatch("/{responseId:guid}", EditCannedResponse.HandleAsync);
        responses.MapDelete("/{responseId:guid}", (Guid responseId, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            DeleteCannedResponse.SetDeletedAsync(responseId, true, user, store, clock, ct));
        responses.MapPost("/{responseId:guid}/restore", (Guid responseId, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            DeleteCannedResponse.SetDeletedAsync(responseId, false, user, store, clock, ct));
        staff.MapGet("/conversations/{conversationId:guid}/canned-responses/{responseId:guid}", RenderCannedResponse.HandleAsync)
            .RequireAuthorization(Policies.WorkConversations).WithTags("Canned responses");
        return staff;
    }

    /// <summary>The shared responses and the caller's own, by shortcut.</summary>
    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct, bool includeDeleted = false)
    {
        var me = user.AgentId();
        await using var session = store.QuerySession(user.WorkspaceId());
        var visible = await session.Query<CannedResponseView>().Where(r => r.OwnerId == null || r.OwnerId == me)
            .OrderBy(r => r.Shortcut).ToListAsync(ct);
        return Results.Ok(visible.Where(r => includeDeleted || !r.Deleted));
    }
}
