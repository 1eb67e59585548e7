using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Assigning;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Chat.Api.Conversations.Assigning;

public sealed record AssignRequest(Guid? AgentId);

/// <summary>
/// Assignment by hand: any agent may take a conversation; giving it to someone else is for supervisors and admins,
/// and only to an agent of the workspace.
/// </summary>
public sealed record AssignConversation(Guid ConversationId, Guid AgentId, Actor By) : IConversationCommand;

public static class AssignConversationHandler
{
    public static RouteGroupBuilder MapAssign(this RouteGroupBuilder staff)
    {
        staff.MapPut("/conversations/{conversationId:guid}/assignment", AssignAsync).RequireAuthorization(Policies.WorkConversations);
        return staff;
    }

    private static Task<IResult> AssignAsync(Guid conversationId, AssignRequest request, ClaimsPrincipal user, IMessageBus bus,
        CancellationToken ct)
    {
        var agentId = request.AgentId ?? user.AgentId();
        if (agentId != user.AgentId() && !user.CanSupervise())
            return Task.FromResult(Problems.Forbidden("Only supervisors and admins assign conversations to others."));
        return bus.AnswerAsync(user, new AssignConversation(conversationId, agentId, user.AsAgent()), ct);
    }

    public static async Task<(IEventStream<ChatThread>?, bool)> LoadAsync(AssignConversation command, IDocumentSession session,
        CancellationToken ct)
    {
        var assignable = command.AgentId.ToString() == command.By.Id || await Assignable.IsAgentAsync(session, command.AgentId, ct);
        return (assignable ? await CurrentThread.FetchAsync(session, command.ConversationId, ct) : null, assignable);
    }

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(AssignConversation command, IEventStream<ChatThread>? thread, bool assignable,
        IMessageContext context, TimeProvider clock) =>
        !assignable
            ? CurrentThread.Refused(Reject.NotFound($"Agent {command.AgentId} is not an agent of this workspace."))
            : thread.Decide(command.ConversationId, context, state => AssignDecision.Decide(new Assign(command.AgentId, command.By), state, clock.GetUtcNow()));
}
