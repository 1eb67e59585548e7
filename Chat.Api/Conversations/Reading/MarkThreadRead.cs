using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Reading;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Chat.Api.Conversations.Reading;

public sealed record MarkReadRequest(long UpToVersion);

/// <summary>An agent or the visitor has read the current thread up to a version.</summary>
public sealed record MarkThreadRead(Guid ConversationId, ReaderSide Side, string ReaderId, long UpToVersion) : IConversationCommand;

public static class MarkThreadReadHandler
{
    public static RouteGroupBuilder MapAgentMarkRead(this RouteGroupBuilder staff)
    {
        staff.MapPost("/conversations/{conversationId:guid}/read", (Guid conversationId, MarkReadRequest request, ClaimsPrincipal user,
                IMessageBus bus, CancellationToken ct) =>
            bus.AnswerAsync(user, new MarkThreadRead(conversationId, ReaderSide.Agent, user.SubjectId(), request.UpToVersion), ct))
            .RequireAuthorization(Policies.WorkConversations);
        return staff;
    }

    public static Task<IEventStream<ChatThread>?> LoadAsync(MarkThreadRead command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(MarkThreadRead command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context,
            state => MarkReadDecision.Decide(new MarkRead(command.Side, command.ReaderId, command.UpToVersion), state, clock.GetUtcNow()));
}
