using Chat.Projections.Routing;
using Marten;
using Wolverine.Marten;

namespace Chat.Api.Catalog;

/// <summary>
/// Saves a catalog change together with a request to route again: a raised limit or a new member may
/// let a waiting thread through, so the router hears of it in the same transaction.
/// </summary>
public static class CatalogChange
{
    public static async Task SaveAndRouteAsync(this IDocumentSession session, IMartenOutbox outbox, string workspaceId, CancellationToken ct)
    {
        outbox.Enroll(session);
        await outbox.PublishAsync(new RouteWorkspace(workspaceId));
        await session.SaveChangesAsync(ct);
    }
}
