using Chat.Api.Infrastructure;
using Chat.Api.Routing;
using JasperFx;
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
        await outbox.RouteWorkspaceAsync(workspaceId);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Saves a creation whose documents were inserted, never stored over: when the same thing was created at the same
    /// time and saved first, the database refuses this one, and the caller hears the conflict it would have heard a
    /// moment later.
    /// </summary>
    public static async Task<IResult> SaveCreationAsync(this IDocumentSession session, IMartenOutbox outbox, string workspaceId,
        IResult created, IResult exists, CancellationToken ct)
    {
        try
        {
            await session.SaveAndRouteAsync(outbox, workspaceId, ct);
            return created;
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException || StoreFaults.Classify(e) == StoreFault.UniqueViolation)
        {
            return exists;
        }
    }
}
