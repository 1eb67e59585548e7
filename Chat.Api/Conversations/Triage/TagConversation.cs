using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Tagging;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Chat.Api.Conversations.Triage;

public sealed record TagRequest(string? Tag);

/// <summary>An agent puts a tag on the conversation's current thread.</summary>
public sealed record TagConversation(Guid ConversationId, string Tag, Actor By) : IConversationCommand;

public static class TagConversationHandler
{
    public static RouteGroupBuilder MapTag(this RouteGroupBuilder staff)
    {
        staff.MapPost("/conversations/{conversationId:guid}/tags", (Guid conversationId, TagRequest request, ClaimsPrincipal user,
                IMessageBus bus, CancellationToken ct) =>
            bus.AnswerAsync(user, new TagConversation(conversationId, request.Tag ?? "", user.AsAgent()), ct))
            .RequireAuthorization(Policies.WorkConversations);
        return staff;
    }

    public static Task<IEventStream<ChatThread>?> LoadAsync(TagConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(TagConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => TagDecision.Decide(new Tag(command.Tag, command.By), state, clock.GetUtcNow()));
}
