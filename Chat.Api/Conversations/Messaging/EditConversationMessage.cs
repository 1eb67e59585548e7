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

namespace Chat.Api.Conversations.Messaging;

public sealed record EditMessageRequest(string? Text);

/// <summary>An agent corrects one of their own messages or notes in the current thread.</summary>
public sealed record EditConversationMessage(Guid ConversationId, Guid MessageId, Guid AgentId, string Text) : IConversationCommand;

public static class EditConversationMessageHandler
{
    public static RouteGroupBuilder MapEditMessage(this RouteGroupBuilder staff)
    {
        staff.MapPatch("/conversations/{conversationId:guid}/messages/{messageId:guid}", (Guid conversationId, Guid messageId,
                EditMessageRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
            bus.AnswerAsync(user, new EditConversationMessage(conversationId, messageId, user.AgentId(), request.Text ?? ""), ct))
            .RequireAuthorization(Policies.WorkConversations);
        return staff;
    }

    /// <summary>The thread, and the stored facts of the message (its author, whether it is a note), found by its id.</summary>
    public static async Task<(IEventStream<ChatThread>?, MessageFacts?)> LoadAsync(EditConversationMessage command, IDocumentSession session,
        CancellationToken ct) =>
        (await CurrentThread.FetchAsync(session, command.ConversationId, ct), (await session.LoadAsync<ThreadMessage>(command.MessageId, ct))?.ToFacts());

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(EditConversationMessage command, IEventStream<ChatThread>? thread, MessageFacts? message,
        IOptions<ChatOptions> options, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => EditMessageDecision.Decide(
            new EditMessage(command.MessageId, command.AgentId, command.Text), state, message, options.Value.Messages.MaxLength, clock.GetUtcNow()));
}
