using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Reading;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Reading;

public sealed record MarkReadRequest(long UpToVersion);

/// <summary>An agent or the visitor has read the current thread up to a version.</summary>
public sealed record MarkThreadRead(Guid ConversationId, ReaderSide Side, string ReaderId, long UpToVersion) : IConversationCommand;

public static class MarkThreadReadEndpoint
{
    /// <summary>An agent has read the conversation's current thread.</summary>
    [WolverinePost("/conversations/{conversationId:guid}/read"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Post(Guid conversationId, [FromBody] MarkReadRequest request,
        ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new MarkThreadRead(conversationId, ReaderSide.Agent, user.SubjectId(), request.UpToVersion), ct);

    /// <summary>The visitor has read their conversation's current thread.</summary>
    [WolverinePost("/visitor/read"), Authorize(Policies.Visitor), Tags("Visitor")]
    public static Task<IResult> PostByVisitor([FromBody] MarkReadRequest request,
        ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new MarkThreadRead(user.ConversationId(), ReaderSide.Visitor, user.SubjectId(), request.UpToVersion), ct);
}

public static class MarkThreadReadHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(MarkThreadRead command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(MarkThreadRead command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context,
            state => MarkReadDecision.Decide(new MarkRead(command.Side, command.ReaderId, command.UpToVersion), state, clock.GetUtcNow()));
}
