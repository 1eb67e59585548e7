using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Assigning;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Chat.Api.Conversations.Assigning;

/// <summary>Any agent may let go of their own conversation; taking it from someone else is for supervisors and admins.</summary>
public sealed record UnassignConversation(Guid ConversationId, Actor By, bool MayTakeFromOthers) : IConversationCommand;

public static class UnassignConversationEndpoint
{
    [WolverineDelete("/conversations/{conversationId:guid}/assignment"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Delete(Guid conversationId, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new UnassignConversation(conversationId, user.AsAgent(), user.CanSupervise()), ct);
}

public static class UnassignConversationHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(UnassignConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(UnassignConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state =>
            state.AssigneeId is { } assignee && assignee.ToString() != command.By.Id && !command.MayTakeFromOthers
                ? Reject.Forbidden("Only supervisors and admins unassign someone else.")
                : UnassignDecision.Decide(new Unassign(command.By), state, clock.GetUtcNow()));
}
