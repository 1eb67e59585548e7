using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Assigning;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Chat.Api.Conversations.Assigning;

/// <summary>Any agent may let go of their own conversation; taking it from someone else is for supervisors and admins.</summary>
public sealed record UnassignConversation(Guid ConversationId, Actor By, bool MayTakeFromOthers) : IConversationCommand;

public static class UnassignConversationHandler
{
    public static RouteGroupBuilder MapUnassign(this RouteGroupBuilder staff)
    {
        staff.MapDelete("/conversations/{conversationId:guid}/assignment", (Guid conversationId, ClaimsPrincipal user, IMessageBus bus,
                CancellationToken ct) =>
            bus.AnswerAsync(user, new UnassignConversation(conversationId, user.AsAgent(), user.CanSupervise()), ct))
            .RequireAuthorization(Policies.WorkConversations);
        return staff;
    }

    public static Task<IEventStream<ChatThread>?> LoadAsync(UnassignConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(UnassignConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state =>
            state.AssigneeId is { } assignee && assignee.ToString() != command.By.Id && !command.MayTakeFromOthers
                ? Reject.Forbidden("Only supervisors and admins unassign someone else.")
                : UnassignDecision.Decide(new Unassign(command.By), state, clock.GetUtcNow()));
}
