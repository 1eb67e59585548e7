using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.CannedResponses;
using Chat.Projections.CannedResponses;
using Chat.Projections.Conversations;
using Marten;

namespace Chat.Api.CannedResponses;

/// <summary>
/// A canned response's text for one conversation, its placeholders filled from the visitor, the calling agent and the
/// workspace. What cannot be filled stays as typed and is listed in <c>unfilled</c>; nothing is sent.
/// </summary>
public static class RenderCannedResponse
{
    public static async Task<IResult> HandleAsync(Guid conversationId, Guid responseId, ClaimsPrincipal user, IDocumentStore store,
        CancellationToken ct)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        var response = await session.LoadAsync<CannedResponseView>(responseId, ct);
        if (response is null || response.Deleted || (response.OwnerId is { } owner && owner != user.AgentId()))
            return CannedResponseAccess.Unknown(responseId);
        if (await session.LoadAsync<ConversationDetail>(conversationId, ct) is not { } conversation)
            return Problems.NotFound($"Conversation {conversationId} does not exist.");
        var rendered = await RenderAsync(session, response, conversation, user.AgentId(), user.WorkspaceId(), ct);
        return Results.Ok(new RenderedCannedResponse(response.Id, response.Shortcut, rendered.Text, rendered.Unfilled));
    }

    /// <summary>The response's text for this conversation and agent (also what a macro's canned step sends).</summary>
    public static async Task<RenderedText> RenderAsync(IQuerySession session, CannedResponseView response, ConversationDetail conversation,
        Guid agentId, string workspaceId, CancellationToken ct)
    {
        var agent = await session.LoadAsync<AgentProfile>(agentId, ct);
        var workspace = await session.LoadAsync<Workspace>(workspaceId, ct);
        var visitor = new Dictionary<string, string?>
        {
            ["name"] = conversation.VisitorName,
            ["email"] = conversation.VisitorEmail,
            ["source"] = conversation.Source,
            ["group"] = conversation.Group,
        };
        return Placeholders.Render(response.Text, new PlaceholderValues(visitor, agent?.DisplayName, workspace?.Name));
    }
}

public sealed record RenderedCannedResponse(Guid ResponseId, string Shortcut, string Text, IReadOnlyList<string> Unfilled);
