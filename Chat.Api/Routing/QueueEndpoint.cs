using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Routing;
using Marten;

namespace Chat.Api.Routing;

public static class QueueEndpoint
{
    /// <summary>The visitor's place in the queue and the estimated wait, while their thread waits.</summary>
    public static RouteGroupBuilder MapVisitorQueue(this RouteGroupBuilder api)
    {
        api.MapGet("/visitor/queue", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            {
                var router = await RouterOfAsync(store, user.WorkspaceId(), ct);
                var conversationId = user.ConversationId();
                return router?.Queue.FirstOrDefault(p => p.ConversationId == conversationId) is { } place
                    ? Results.Ok(place)
                    : Problems.NotFound("Your conversation is not waiting in the queue.");
            })
            .RequireAuthorization(Policies.Visitor).WithTags("Visitor");

        api.MapGet("/queue", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            {
                var router = await RouterOfAsync(store, user.WorkspaceId(), ct);
                return Results.Ok(router?.Queue ?? new List<QueuePlace>());
            })
            .RequireAuthorization(Policies.ReadConversations).WithTags("Inbox");
        return api;
    }

    /// <summary>The workspace's router holds the queue as it stood after its last decision.</summary>
    private static async Task<WorkspaceRouter?> RouterOfAsync(IDocumentStore store, string workspaceId, CancellationToken ct)
    {
        await using var session = store.QuerySession(workspaceId);
        return await session.LoadAsync<WorkspaceRouter>(workspaceId, ct);
    }
}
