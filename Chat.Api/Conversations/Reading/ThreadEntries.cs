using Chat.Domain;
using Chat.Projections.Conversations;
using Chat.Projections.Live;
using JasperFx.Events;
using Marten;

namespace Chat.Api.Conversations.Reading;

/// <summary>One stored fact of a thread, as clients read it to catch up after a version.</summary>
public sealed record ThreadEntry(long Version, string Type, DateTimeOffset At, object Data);

public static class ThreadEntries
{
    public const int MaxBatch = 500;

    /// <summary>The thread's events after a version, oldest first, at most <see cref="MaxBatch"/>.</summary>
    public static async Task<IReadOnlyList<ThreadEntry>> AfterAsync(IQuerySession session, Guid threadId, long after,
        Func<IEvent, bool> visible, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(threadId, fromVersion: after + 1, token: ct);
        return [.. events.Where(visible).Take(MaxBatch).Select(e => new ThreadEntry(e.Version, e.EventTypeName, e.Timestamp, e.Data))];
    }

    /// <summary>What a visitor missed in a thread of their own conversation (the current one by default).</summary>
    public static async Task<CommandOutcome<IReadOnlyList<ThreadEntry>>> ForVisitorAsync(IQuerySession session, Guid conversationId,
        Guid? threadId, long after, CancellationToken ct)
    {
        if (after < 0) return NegativeVersion;
        var detail = await session.LoadAsync<ConversationDetail>(conversationId, ct);
        var thread = threadId ?? detail?.CurrentThreadId;
        if (detail is null || thread is null || detail.Threads.All(t => t.ThreadId != thread))
            return Reject.NotFound("No such thread in your conversation.");
        return new CommandOutcome<IReadOnlyList<ThreadEntry>>(await AfterAsync(session, thread.Value, after, VisibleToVisitor, ct), null);
    }

    /// <summary>Every fact of a thread after a version, for staff of the conversation's workspace.</summary>
    public static async Task<CommandOutcome<IReadOnlyList<ThreadEntry>>> ForStaffAsync(IQuerySession session, Guid conversationId,
        Guid threadId, long after, CancellationToken ct)
    {
        if (after < 0) return NegativeVersion;
        var detail = await session.LoadAsync<ConversationDetail>(conversationId, ct);
        if (detail is null || detail.Threads.All(t => t.ThreadId != threadId))
            return Reject.NotFound($"Thread {threadId} is not part of conversation {conversationId}.");
        return new CommandOutcome<IReadOnlyList<ThreadEntry>>(await AfterAsync(session, threadId, after, VisibleToStaff, ct), null);
    }

    private static Rejection NegativeVersion => Reject.Invalid("The version to read after must not be negative.");

    public static bool VisibleToVisitor(IEvent e) => Visibility.VisibleToVisitor(e.Data);

    public static bool VisibleToStaff(IEvent _) => true;
}
