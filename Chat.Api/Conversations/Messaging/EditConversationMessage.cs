using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Messaging;

public sealed record EditMessageRequest(string? Text);

/// <summary>An agent corrects one of their own messages or notes in the current thread.</summary>
public sealed record EditConversationMessage(Guid ConversationId, Guid MessageId, Guid AgentId, string Text) : IConversationCommand;

public static class EditConversationMessageEndpoint
{
    [WolverinePatch("/conversations/{conversationId:guid}/messages/{messageId:guid}"), Authorize(Policies.WorkConversations),
     Tags("Conversations")]
    public static Task<IResult> Patch(Guid conversationId, Guid messageId, [FromBody] EditMessageRequest request,
        ClaimsPrincipal user, IMessageBus bus,
        CancellationToken ct) =>
        bus.AnswerAsync(new EditConversationMessage(conversationId, messageId, user.AgentId(), request.Text ?? ""), ct);
}

public static class EditConversationMessageHandler
{
    /// <summary>The thread, and the stored facts of the message (its author, whether it is a note), found by its id.</summary>
    public static async Task<(IEventStream<ChatThread>?, MessageFacts?)> LoadAsync(EditConversationMessage command, IDocumentSession session,
        CancellationToken ct) =>
        (await CurrentThread.FetchAsync(session, command.ConversationId, ct), (await session.LoadAsync<ThreadMessage>(command.MessageId, ct))?.ToFacts());

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(EditConversationMessage command, IEventStream<ChatThread>? thread, MessageFacts? message,
        IOptions<ChatOptions> options, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => EditMessageDecision.Decide(
            new EditMessage(command.MessageId, command.AgentId, command.Text), state, message, options.Value.Messages.MaxLength, clock.GetUtcNow()));
}
