using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Chat.Api.Conversations.Messaging;

/// <summary>An agent withdraws one of their own messages or notes in the current thread.</summary>
public sealed record DeleteConversationMessage(Guid ConversationId, Guid MessageId, Guid AgentId) : IConversationCommand;

public static class DeleteConversationMessageEndpoint
{
    [WolverineDelete("/conversations/{conversationId:guid}/messages/{messageId:guid}"), Authorize(Policies.WorkConversations),
     Tags("Conversations")]
    public static Task<IResult> Delete(Guid conversationId, Guid messageId, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new DeleteConversationMessage(conversationId, messageId, user.AgentId()), ct);
}

public static class DeleteConversationMessageHandler
{
    public static async Task<(IEventStream<ChatThread>?, MessageFacts?)> LoadAsync(DeleteConversationMessage command, IDocumentSession session,
        CancellationToken ct) =>
        (await CurrentThread.FetchAsync(session, command.ConversationId, ct), (await session.LoadAsync<ThreadMessage>(command.MessageId, ct))?.ToFacts());

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(DeleteConversationMessage command, IEventStream<ChatThread>? thread, MessageFacts? message,
        IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state =>
            DeleteMessageDecision.Decide(new DeleteMessage(command.MessageId, command.AgentId), state, message, clock.GetUtcNow()));
}
