using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Closing;
using Marten;
using JasperFx.Events;
using Wolverine;

namespace Chat.Api.Conversations.Closing;

/// <summary>An agent reopens the conversation's last thread.</summary>
public sealed record ReopenConversation(Guid ConversationId, Actor By) : IConversationCommand;

public static class ReopenConversationHandler
{
    public static RouteGroupBuilder MapReopen(this RouteGroupBuilder staff)
    {
        staff.MapPost("/conversations/{conversationId:guid}/reopen", (Guid conversationId, ClaimsPrincipal user, IMessageBus bus,
                CancellationToken ct) =>
            bus.AnswerAsync(user, new ReopenConversation(conversationId, user.AsAgent()), ct))
            .RequireAuthorization(Policies.WorkConversations);
        return staff;
    }

    public static Task<IEventStream<ChatThread>?> LoadAsync(ReopenConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(ReopenConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => ReopenDecision.Decide(new Reopen(command.By), state, clock.GetUtcNow()));
}
