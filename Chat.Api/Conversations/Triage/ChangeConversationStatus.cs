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

public sealed record ThreadStatusRequest(ThreadStatus Status, DateTimeOffset? SnoozedUntil);

/// <summary>An agent parks the conversation's current thread as pending or snoozed, or opens it again.</summary>
public sealed record ChangeConversationStatus(Guid ConversationId, ThreadStatus Status, DateTimeOffset? SnoozedUntil, Actor By)
    : IConversationCommand;

public static class ChangeConversationStatusEndpoint
{
    [WolverinePut("/conversations/{conversationId:guid}/status"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static Task<IResult> Put(Guid conversationId, [FromBody] ThreadStatusRequest request,
        ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        bus.AnswerAsync(new ChangeConversationStatus(conversationId, request.Status, request.SnoozedUntil, user.AsAgent()), ct);
}

public static class ChangeConversationStatusHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(ChangeConversationStatus command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(ChangeConversationStatus command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock)
    {
        var (outcome, messages) = thread.Decide(command.ConversationId, context, state => ChangeStatusDecision.Decide(
            new ChangeStatus(command.Status, command.SnoozedUntil, command.By), state, clock.GetUtcNow()));
        // A snooze wakes by itself at its time, unless the thread was woken or snoozed again before then.
        if (outcome.Value is { } position && command is { Status: ThreadStatus.Snoozed, SnoozedUntil: { } until })
            messages.Add(WakeSnoozedThreadHandler.For(command.ConversationId, position.ThreadId, until, context.TenantId!));
        return (outcome, messages);
    }
}
