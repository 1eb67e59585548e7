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
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Assigning;

public sealed record AssignRequest(Guid? AgentId);

/// <summary>
/// Assignment by hand: any agent may take a conversation; giving it to someone else is for supervisors and admins,
/// and only to an agent of the workspace.
/// </summary>
public sealed record AssignConversation(Guid ConversationId, Guid AgentId, Actor By) : IConversationCommand;

public static class AssignConversationEndpoint
{
    [WolverinePut("/conversations/{conversationId:guid}/assignment"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Put(Guid conversationId, [FromBody] AssignRequest request,
        ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var agentId = request.AgentId ?? user.AgentId();
        if (agentId != user.AgentId() && !user.CanSupervise())
            return Task.FromResult(Problems.Forbidden("Only supervisors and admins assign conversations to others."));
        return bus.AnswerAsync(new AssignConversation(conversationId, agentId, user.AsAgent()), ct);
    }
}

public static class AssignConversationHandler
{
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
