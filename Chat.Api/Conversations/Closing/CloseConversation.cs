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
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Closing;

public sealed record CloseRequest(string? Reason);

/// <summary>An agent closes the conversation's current thread.</summary>
public sealed record CloseConversation(Guid ConversationId, string? Reason, Actor By) : IConversationCommand;

public static class CloseConversationEndpoint
{
    [WolverinePost("/conversations/{conversationId:guid}/close"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Post(Guid conversationId, [FromBody] CloseRequest? request,
        ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new CloseConversation(conversationId, request?.Reason, user.AsAgent()), ct);
}

public static class CloseConversationHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(CloseConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(CloseConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => CloseDecision.Decide(new Close(command.Reason, command.By), state, clock.GetUtcNow()));
}
