using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.CannedResponses;
using Chat.Projections.CannedResponses;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.CannedResponses;

/// <summary>What a PATCH changes; what it leaves out stays.</summary>
public sealed record EditCannedResponseRequest(string? Shortcut, string? Title, string? Text, IReadOnlyList<string>? Tags);

public static class EditCannedResponse
{
    public static async Task<IResult> HandleAsync(Guid responseId, EditCannedResponseRequest request, ClaimsPrincipal user,
        IDocumentStore store, IOptions<ChatOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (request is { Shortcut: null, Title: null, Text: null, Tags: null }) return Problems.Invalid("Name a change: shortcut, title, text or tags.");
        var (shortcut, badShortcut) = request.Shortcut is null ? (null, null) : CannedResponseRules.NormalizeShortcut(request.Shortcut);
        var (tags, badTags) = request.Tags is null ? (null, null) : CannedResponseRules.NormalizeTags(request.Tags);
        var problem = badShortcut ?? (request.Title is null ? null : CannedResponseRules.CheckTitle(request.Title))
                      ?? (request.Text is null ? null : CannedResponseRules.CheckText(request.Text, options.Value.Messages.MaxLength)) ?? badTags;
        if (problem is not null) return Problems.Invalid(problem);

        return await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(user.WorkspaceId());
            var stream = await session.Events.FetchForWriting<CannedResponse>(responseId, ct);
            if (CannedResponseAccess.Refusal(stream.Aggregate, responseId, user) is { } refusal) return refusal;
            var response = stream.Aggregate!;
            var edited = new CannedResponseEdited(responseId, shortcut ?? response.Shortcut, request.Title?.Trim() ?? response.Title,
                request.Text ?? response.Text, tags ?? response.Tags, user.AgentId(), clock.GetUtcNow());
            // A deleted response holds no shortcut; it claims its (new) one when restored.
            if (edited.Shortcut != response.Shortcut && !response.Deleted)
            {
                if (await CannedResponseAccess.ClaimAsync(session, response.OwnerId, edited.Shortcut, responseId, ct) is { } taken) return taken;
                CannedResponseAccess.Release(session, response.OwnerId, response.Shortcut);
            }
            stream.AppendOne(edited);
            await session.SaveChangesAsync(ct);
            return Results.Ok(await session.LoadAsync<CannedResponseView>(responseId, ct));
        }, ct);
    }
}
