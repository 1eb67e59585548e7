using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Triage;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Triage;

public sealed record PriorityRequest(Priority Priority);

/// <summary>An agent sets the priority of the conversation's current thread.</summary>
public sealed record ChangeConversationPriority(Guid ConversationId, Priority Priority, Actor By) : IConversationCommand;

public static class ChangeConversationPriorityEndpoint
{
    [WolverinePut("/conversations/{conversationId:guid}/priority"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Put(Guid conversationId, [FromBody] PriorityRequest request,
        ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new ChangeConversationPriority(conversationId, request.Priority, user.AsAgent()), ct);
}

public static class ChangeConversationPriorityHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(ChangeConversationPriority command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(ChangeConversationPriority command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context,
            state => ChangePriorityDecision.Decide(new ChangePriority(command.Priority, command.By), state, clock.GetUtcNow()));
}
