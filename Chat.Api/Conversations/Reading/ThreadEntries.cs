using Chat.Api.Conversations.Visitors;
using Chat.Domain;
using Chat.Projections.Conversations;
using Chat.Projections.Live;
using Marten;

namespace Chat.Api.Conversations.Reading;

/// <summary>One stored fact of a thread, as staff read it to catch up after a version; with the macro whose run caused it, if one did.</summary>
public sealed record ThreadEntry(long Version, string Type, DateTimeOffset At, object Data, string? Macro = null);

public static class ThreadEntries
{
    public const int MaxBatch = 500;

    /// <summary>
    /// What a visitor missed in a thread of their own conversation (the current one by default): the facts they may see,
    /// oldest first, at most <see cref="MaxBatch"/>, built as the live push builds them, so one renderer serves both.
    /// </summary>
    public static async Task<CommandOutcome<IReadOnlyList<LiveEvent>>> ForVisitorAsync(IQuerySession session, Guid conversationId,
        Guid? threadId, long after, CancellationToken ct)
    {
        if (after < 0) return NegativeVersion;
        var detail = await session.LoadAsync<ConversationDetail>(conversationId, ct);
        var thread = threadId ?? detail?.CurrentThreadId;
        if (detail is null || thread is null || detail.Threads.All(t => t.ThreadId != thread))
            return Reject.NotFound("No such thread in your conversation.");

        var events = await session.Events.FetchStreamAsync(thread.Value, fromVersion: after + 1, token: ct);
        IReadOnlyList<LiveEvent> visible = [.. events.Select(LiveEvents.From).OfType<LiveEvent>()
            .Where(e => Visibility.ForVisitor(e) is not null).Take(MaxBatch)];
        // Named before the visitor's view is taken, as the live push does: a transfer's line needs the new agent's name.
        var named = await AgentNames.NameAsync(session, visible, ct);
        return new CommandOutcome<IReadOnlyList<LiveEvent>>([.. named.Select(Visibility.ForVisitor).OfType<LiveEvent>()], null);
    }

    /// <summary>Every fact of a thread after a version, oldest first, at most <see cref="MaxBatch"/>, for staff of the conversation's workspace.</summary>
    public static async Task<CommandOutcome<IReadOnlyList<ThreadEntry>>> ForStaffAsync(IQuerySession session, Guid conversationId,
        Guid threadId, long after, CancellationToken ct)
    {
        if (after < 0) return NegativeVersion;
        var detail = await session.LoadAsync<ConversationDetail>(conversationId, ct);
        if (detail is null || detail.Threads.All(t => t.ThreadId != threadId))
            return Reject.NotFound($"Thread {threadId} is not part of conversation {conversationId}.");
        var events = await session.Events.FetchStreamAsync(threadId, fromVersion: after + 1, token: ct);
        IReadOnlyList<ThreadEntry> entries = [.. events.Take(MaxBatch).Select(e => new ThreadEntry(e.Version, e.EventTypeName, e.Timestamp, e.Data,
            e.Headers?.GetValueOrDefault(Macros.RunMacroEndpoint.CauseHeader)?.ToString()))];
        return new CommandOutcome<IReadOnlyList<ThreadEntry>>(entries, null);
    }

    private static Rejection NegativeVersion => Reject.Invalid("The version to read after must not be negative.");
}
