using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Threads.Assigning;
using Chat.Domain.Threads.Tagging;
using Marten;

namespace Chat.Api.Conversations.Assigning;

public sealed record TransferRequest(Guid? AgentId, string? Group, string? Reason);

/// <summary>An agent passes on their own (or a waiting) conversation; supervisors may pass on anyone's.</summary>
public static class TransferEndpoint
{
    public static RouteGroupBuilder MapTransfer(this RouteGroupBuilder staff)
    {
        staff.MapPost("/conversations/{conversationId:guid}/transfer", TransferAsync)
            .RequireAuthorization(Policies.WorkConversations).WithTags("Conversations");
        return staff;
    }

    private static async Task<IResult> TransferAsync(Guid conversationId, TransferRequest request, ClaimsPrincipal user,
        ConversationCommands commands, IDocumentStore store, CancellationToken ct)
    {
        string? group = null;
        if (request.Group is not null)
        {
            var (name, rejection) = TagName.Normalize(request.Group);
            if (rejection is not null) return Problems.Invalid("The group is not a valid group id.");
            group = name;
        }

        await using (var session = store.QuerySession(user.WorkspaceId()))
        {
            if (request.AgentId is { } agentId && !await Assignable.IsAgentAsync(session, agentId, ct))
                return Problems.NotFound($"Agent {agentId} is not an agent of this workspace.");
            if (group is not null && await Groups.MissingAsync(session, [group], ct) is not null)
                return Problems.NotFound($"No group '{group}' in this workspace.");
        }

        var command = new Transfer(request.AgentId, group, request.Reason, user.AsAgent());
        var mayTransferAny = user.CanSupervise();
        var outcome = await commands.OnCurrentThreadAsync(user.WorkspaceId(), conversationId, (thread, now) =>
            thread.AssigneeId is { } holder && holder != user.AgentId() && !mayTransferAny
                ? Reject.Forbidden("Only supervisors and admins transfer someone else's conversation.")
                : TransferDecision.Decide(command, thread, now), ct);
        return outcome.ToResult(Results.Ok);
    }
}
