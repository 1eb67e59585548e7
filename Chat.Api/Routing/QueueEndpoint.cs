using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Routing;

public static class QueueEndpoint
{
    /// <summary>The visitor's place in the queue and the estimated wait, while their thread waits.</summary>
    public static RouteGroupBuilder MapVisitorQueue(this RouteGroupBuilder api)
    {
        api.MapGet("/visitor/queue", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            {
                await using var session = store.QuerySession(user.WorkspaceId());
                var memory = await session.LoadAsync<RouterMemory>(RouterMemory.DocumentId, ct);
                var conversationId = user.ConversationId();
                return memory?.Queue.FirstOrDefault(p => p.ConversationId == conversationId) is { } place
                    ? Results.Ok(place)
                    : Problems.NotFound("Your conversation is not waiting in the queue.");
            })
            .RequireAuthorization(Policies.Visitor).WithTags("Visitor");

        api.MapGet("/queue", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
            {
                await using var session = store.QuerySession(user.WorkspaceId());
                var memory = await session.LoadAsync<RouterMemory>(RouterMemory.DocumentId, ct);
                return Results.Ok(memory?.Queue ?? []);
            })
            .RequireAuthorization(Policies.ReadConversations).WithTags("Inbox");
        return api;
    }
}
