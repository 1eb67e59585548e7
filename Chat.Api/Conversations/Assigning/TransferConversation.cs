using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Assigning;
using Chat.Domain.Threads.Tagging;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Assigning;

public sealed record TransferRequest(Guid? AgentId, string? Group, string? Reason);

/// <summary>An agent passes on their own (or a waiting) conversation to an agent or a group; supervisors may pass on anyone's.</summary>
public sealed record TransferConversation(Guid ConversationId, Guid? AgentId, string? Group, string? Reason, Actor By, bool MayTransferAny)
    : IConversationCommand;

public static class TransferConversationEndpoint
{
    [WolverinePost("/conversations/{conversationId:guid}/transfer"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Post(Guid conversationId, [FromBody] TransferRequest request,
        ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        string? group = null;
        if (request.Group is not null)
        {
            var (name, rejection) = TagName.Normalize(request.Group);
            if (rejection is not null) return Task.FromResult(Problems.Invalid("The group is not a valid group id."));
            group = name;
        }
        return bus.AnswerAsync(
            new TransferConversation(conversationId, request.AgentId, group, request.Reason, user.AsAgent(), user.CanSupervise()), ct);
    }
}

public static class TransferConversationHandler
{
    /// <summary>The target is checked first: an unknown agent or group is a 404 whatever the conversation.</summary>
    public static async Task<(IEventStream<ChatThread>?, Rejection?)> LoadAsync(TransferConversation command, IDocumentSession session,
        CancellationToken ct)
    {
        if (command.AgentId is { } agentId && !await Assignable.IsAgentAsync(session, agentId, ct))
            return (null, Reject.NotFound($"Agent {agentId} is not an agent of this workspace."));
        if (command.Group is { } group && await Groups.MissingAsync(session, [group], ct) is not null)
            return (null, Reject.NotFound($"No group '{group}' in this workspace."));
        return (await CurrentThread.FetchAsync(session, command.ConversationId, ct), null);
    }

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(TransferConversation command, IEventStream<ChatThread>? thread,
        Rejection? unknownTarget, IMessageContext context, TimeProvider clock) =>
        unknownTarget is { } unknown ? CurrentThread.Refused(unknown) : thread.Decide(command.ConversationId, context, state =>
            state.AssigneeId is { } holder && holder.ToString() != command.By.Id && !command.MayTransferAny
                ? Reject.Forbidden("Only supervisors and admins transfer someone else's conversation.")
                : TransferDecision.Decide(new Transfer(command.AgentId, command.Group, command.Reason, command.By), state, clock.GetUtcNow()));
}
