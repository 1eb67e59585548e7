using Chat.Api.Infrastructure;
using Chat.Domain.Threads;
using Marten;

namespace Chat.Api.Routing;

/// <summary>
/// The router's appends to threads, in the transaction that saves its state. A thread's events are still serialised
/// with every other writer of its conversation, by that conversation's lock; this is the one place the router takes it.
/// </summary>
public static class ThreadWrites
{
    /// <summary>
    /// Begins the transaction and takes the conversations' locks in one order (by lock key), so that two routing runs
    /// of a workspace on two nodes never wait on each other crosswise: the later one waits, then loses on the router's
    /// version and runs again.
    /// </summary>
    public static async Task LockAsync(IDocumentSession session, string workspaceId, IEnumerable<Guid> conversationIds, CancellationToken ct)
    {
        var ordered = conversationIds.Distinct().OrderBy(id => WriteLock.KeyOf(workspaceId, id)).ToList();
        if (ordered.Count == 0) return;
        await session.BeginTransactionAsync(ct);
        foreach (var conversationId in ordered) await WriteLock.AlsoAsync(session, workspaceId, conversationId, ct);
    }

    /// <summary>Appends what the thread's own state, read under the lock, allows.</summary>
    /// <returns>The thread's version after the append, or null when nothing was appended.</returns>
    public static async Task<long?> AppendAsync(IDocumentSession session, Guid threadId, Func<ChatThread, object[]> decide, CancellationToken ct)
    {
        var thread = await session.Events.FetchForWriting<ChatThread>(threadId, ct);
        if (thread.Aggregate is null) return null;
        var events = decide(thread.Aggregate);
        if (events.Length == 0) return null;
        thread.AppendMany(events);
        return thread.CurrentVersion;
    }
}
