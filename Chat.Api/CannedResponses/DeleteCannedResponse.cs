using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.CannedResponses;
using Chat.Projections.CannedResponses;
using Marten;

namespace Chat.Api.CannedResponses;

/// <summary>
/// Soft delete and restore: the stream keeps everything. A deleted response frees its shortcut; restoring it takes the
/// shortcut back, unless another response took it meanwhile (409: rename one of them first).
/// </summary>
public static class DeleteCannedResponse
{
    public static async Task<IResult> SetDeletedAsync(Guid responseId, bool deleted, ClaimsPrincipal user, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) =>
        await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(user.WorkspaceId());
            var stream = await session.Events.FetchForWriting<CannedResponse>(responseId, ct);
            if (CannedResponseAccess.Refusal(stream.Aggregate, responseId, user) is { } refusal) return refusal;
            var response = stream.Aggregate!;
            if (response.Deleted != deleted)
            {
                if (deleted)
                {
                    CannedResponseAccess.Release(session, response.OwnerId, response.Shortcut);
                    stream.AppendOne(new CannedResponseDeleted(responseId, user.AgentId(), clock.GetUtcNow()));
                }
                else
                {
                    if (await CannedResponseAccess.ClaimAsync(session, response.OwnerId, response.Shortcut, responseId, ct) is { } taken) return taken;
                    stream.AppendOne(new CannedResponseRestored(responseId, user.AgentId(), clock.GetUtcNow()));
                }
                await session.SaveChangesAsync(ct);
            }
            return Results.Ok(await session.LoadAsync<CannedResponseView>(responseId, ct));
        }, ct);
}
