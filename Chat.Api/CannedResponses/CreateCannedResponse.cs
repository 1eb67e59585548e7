using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.CannedResponses;
using Chat.Projections.CannedResponses;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.CannedResponses;

/// <summary><c>scope</c> is "personal" (the default) or "shared".</summary>
public sealed record CreateCannedResponseRequest(string? Scope, string? Shortcut, string? Title, string? Text, IReadOnlyList<string>? Tags);

public static class CreateCannedResponse
{
    public static async Task<IResult> HandleAsync(CreateCannedResponseRequest request, ClaimsPrincipal user, IDocumentStore store,
        IOptions<ChatOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (request.Scope is not (null or "personal" or "shared")) return Problems.Invalid("scope is personal or shared.");
        var (shortcut, badShortcut) = CannedResponseRules.NormalizeShortcut(request.Shortcut);
        var (tags, badTags) = CannedResponseRules.NormalizeTags(request.Tags);
        var problem = badShortcut ?? CannedResponseRules.CheckTitle(request.Title)
                      ?? CannedResponseRules.CheckText(request.Text, options.Value.Messages.MaxLength) ?? badTags;
        if (problem is not null) return Problems.Invalid(problem);
        var shared = request.Scope == "shared";
        if (shared && !user.CanSupervise()) return Problems.Forbidden("Only supervisors and admins make shared canned responses.");

        var ownerId = shared ? (Guid?)null : user.AgentId();
        var id = Guid.CreateVersion7();
        return await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(user.WorkspaceId());
            if (await CannedResponseAccess.ClaimAsync(session, ownerId, shortcut!, id, ct) is { } taken) return taken;
            session.Events.StartStream<CannedResponse>(id, new CannedResponseCreated(id, ownerId, shortcut!, request.Title!.Trim(),
                request.Text!, tags!, user.AgentId(), clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            var created = await session.LoadAsync<CannedResponseView>(id, ct);
            return Results.Created($"/api/canned-responses/{id}", created);
        }, ct);
    }
}
