using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Threads.Assigning;
using Marten;

namespace Chat.Api.Conversations.Assigning;

public sealed record AssignRequest(Guid? AgentId);

/// <summary>
/// Assignment by hand: any agent may take a conversation or let go of their own; giving it to someone
/// else or taking it from someone is for supervisors and admins.
/// </summary>
public static class AssignmentEndpoints
{
    public static RouteGroupBuilder MapAssignment(this RouteGroupBuilder staff)
    {
        var assignment = staff.MapGroup("/conversations/{conversationId:guid}/assignment")
            .RequireAuthorization(Policies.WorkConversations);
        assignment.MapPut("", AssignAsync);
        assignment.MapDelete("", UnassignAsync);
        return staff;
    }

    private static async Task<IResult> AssignAsync(Guid conversationId, AssignRequest request, ClaimsPrincipal user,
        ConversationCommands commands, IDocumentStore store, CancellationToken ct)
    {
        var agentId = request.AgentId ?? user.AgentId();
        if (agentId != user.AgentId())
        {
            if (!user.CanSupervise()) return Problems.Forbidden("Only supervisors and admins assign conversations to others.");
            if (!await IsAssignableAgentAsync(store, user.WorkspaceId(), agentId, ct))
                return Problems.NotFound($"Agent {agentId} is not an agent of this workspace.");
        }

        var command = new Assign(agentId, user.AsAgent());
        var outcome = await commands.OnCurrentThreadAsync(user.WorkspaceId(), conversationId,
            (thread, now) => AssignDecision.Decide(command, thread, now), ct);
        return outcome.ToResult(Results.Ok);
    }

    private static async Task<IResult> UnassignAsync(Guid conversationId, ClaimsPrincipal user, ConversationCommands commands,
        CancellationToken ct)
    {
        var command = new Unassign(user.AsAgent());
        var mayTakeFromOthers = user.CanSupervise();
        var outcome = await commands.OnCurrentThreadAsync(user.WorkspaceId(), conversationId, (thread, now) =>
            thread.AssigneeId is { } assignee && assignee != user.AgentId() && !mayTakeFromOthers
                ? Chat.Domain.Reject.Forbidden("Only supervisors and admins unassign someone else.")
                : UnassignDecision.Decide(command, thread, now), ct);
        return outcome.ToResult(Results.Ok);
    }

    private static async Task<bool> IsAssignableAgentAsync(IDocumentStore store, string workspaceId, Guid agentId, CancellationToken ct)
    {
        await using var session = store.QuerySession(workspaceId);
        return await Assignable.IsAgentAsync(session, agentId, ct);
    }
}
