using Chat.Domain.Threads;
using Chat.Domain.Threads.Rating;
using JasperFx.Events;
using Marten;
using Wolverine;
using System.Security.Claims;
using Chat.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Visitors;

/// <summary>The visitor rates the conversation's current thread.</summary>
public sealed record RateConversation(Guid ConversationId, string VisitorId, int Score, string? Comment) : IConversationCommand;

public sealed record RateRequest(int Score, string? Comment);

public static class RateConversationEndpoint
{
    [WolverinePost("/visitor/rating"), Authorize(Policies.Visitor), Tags("Visitor")]
    public static Task<IResult> Post([FromBody] RateRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new RateConversation(user.ConversationId(), user.SubjectId(), request.Score, request.Comment), ct);
}

public static class RateConversationHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(RateConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(RateConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context,
            state => RateDecision.Decide(new Rate(command.VisitorId, command.Score, command.Comment), state, clock.GetUtcNow()));
}
