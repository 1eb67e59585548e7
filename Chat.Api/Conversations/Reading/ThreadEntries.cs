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

    public static bool VisibleToVisitor(IEvent e) => Visibility.VisibleToVisitor(e.Data);

    public static bool VisibleToStaff(IEvent _) => true;
}
