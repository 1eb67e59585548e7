using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Closing;
using Marten;
using JasperFx.Events;
using Wolverine;

namespace Chat.Api.Conversations.Closing;

public sealed record CloseRequest(string? Reason);

/// <summary>An agent closes the conversation's current thread.</summary>
public sealed record CloseConversation(Guid ConversationId, string? Reason, Actor By) : IConversationCommand;

public static class CloseConversationHandler
{
    public static RouteGroupBuilder MapClose(this RouteGroupBuilder staff)
    {
        staff.MapPost("/conversations/{conversationId:guid}/close", (Guid conversationId, CloseRequest? request, ClaimsPrincipal user,
                IMessageBus bus, CancellationToken ct) =>
            bus.AnswerAsync(user, new CloseConversation(conversationId, request?.Reason, user.AsAgent()), ct))
            .RequireAuthorization(Policies.WorkConversations);
        return staff;
    }

    public static Task<IEventStream<ChatThread>?> LoadAsync(CloseConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(CloseConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => CloseDecision.Decide(new Close(command.Reason, command.By), state, clock.GetUtcNow()));
}
