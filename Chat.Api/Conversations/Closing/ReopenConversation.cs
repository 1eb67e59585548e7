using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Closing;
using Marten;
using JasperFx.Events;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Chat.Api.Conversations.Closing;

/// <summary>An agent reopens the conversation's last thread.</summary>
public sealed record ReopenConversation(Guid ConversationId, Actor By) : IConversationCommand;

public static class ReopenConversationEndpoint
{
    [WolverinePost("/conversations/{conversationId:guid}/reopen"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Post(Guid conversationId, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new ReopenConversation(conversationId, user.AsAgent()), ct);
}

public static class ReopenConversationHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(ReopenConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(ReopenConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => ReopenDecision.Decide(new Reopen(command.By), state, clock.GetUtcNow()));
}
