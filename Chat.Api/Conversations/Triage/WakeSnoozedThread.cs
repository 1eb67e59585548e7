using Chat.Domain.Threads;
using Chat.Domain.Threads.Triage;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Chat.Api.Conversations.Triage;

/// <summary>
/// Scheduled when an agent snoozes a thread, for the time it was snoozed until, in the thread's workspace. Kept in
/// Wolverine's durable inbox like the router's deadlines: a node that stops leaves it to the others, and it survives a
/// restart.
/// </summary>
public sealed record WakeSnoozedThread(Guid ConversationId, Guid ThreadId, DateTimeOffset SnoozedUntil);

public static class WakeSnoozedThreadHandler
{
    /// <summary>A wake-up that loses a race with another writer, or meets a database that is away, runs again later; it is never dropped.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    public static Task<IEventStream<ChatThread>?> LoadAsync(WakeSnoozedThread command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static OutgoingMessages Handle(WakeSnoozedThread command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock)
    {
        // The conversation may have moved on to a newer thread: this one is then closed and has nothing to wake.
        if (thread?.Aggregate is not { } state || state.Id != command.ThreadId) return [];
        var decision = WakeUpDecision.Decide(new WakeUp(command.SnoozedUntil), state, clock.GetUtcNow());
        if (decision.Events.Count == 0) return [];
        thread.AppendMany(decision.Events);
        return CurrentThread.Triggers(context, decision.Events);
    }

    /// <summary>The wake-up of a snooze, in the snoozing command's workspace, for its time.</summary>
    public static object For(Guid conversationId, Guid threadId, DateTimeOffset until, string workspaceId) =>
        new WakeSnoozedThread(conversationId, threadId, until).WithTenantId(workspaceId).ScheduledAt(until);
}
