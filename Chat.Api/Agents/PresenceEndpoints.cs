using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain.Agents;
using Chat.Projections.Agents;
using Marten;

namespace Chat.Api.Agents;

public sealed record StatusRequest(AgentStatus Status);

public static class PresenceEndpoints
{
    public static RouteGroupBuilder MapPresence(this RouteGroupBuilder staff)
    {
        staff.MapPut("/agents/me/status", async (StatusRequest request, ClaimsPrincipal user, PresenceTracker presence, CancellationToken ct) =>
            {
                await presence.SetAsync(user.WorkspaceId(), user.AgentId(), request.Status, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.WorkConversations).WithTags("Agents");

        staff.MapGet("/agents/presence", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            {
                await using var session = store.QuerySession(user.WorkspaceId());
                return Results.Ok(await session.Query<AgentPresenceView>().ToListAsync(ct));
            })
            .RequireAuthorization(Policies.ReadConversations).WithTags("Agents");
        return staff;
    }
}
