using System.Threading.Channels;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using Chat.Projections.Threads;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Chat.Api.Conversations.Messaging;
using Chat.Domain.Threads.Messaging;
using Wolverine;
using Wolverine.Marten;
using Chat.Api.Routing;
using Chat.Projections.Routing;

namespace Chat.Api.Conversations;

/// <summary>A message waiting to be committed, with what decides it and the sender's pending answer.</summary>
public sealed record PendingPost(
    string WorkspaceId,
    Guid ConversationId,
    string ClientMessageId,
    Func<ChatThread, DateTimeOffset, Decision> Decide,
    IPostCommand Command,
    bool StartsThreadWhenNoneOpen)
{
    public TaskCompletionSource<CommandOutcome<SentMessage>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Posting is the busiest command, and a transaction per message spends most of its time on round trips
/// and commits. Here posts to different conversations share one transaction: it takes all their locks in
/// one statement, loads their conversations in one round trip and their threads with any repeated client
/// message ids in another, appends every accepted message and commits once. A sender's answer is given
/// only after that commit.
/// <para>
/// Whatever has arrived when a transaction can start goes into it, so batches stay small when the load is
/// light and grow with it. A few transactions may be in flight at once, but never two holding posts of the
/// same conversation: a conversation's next post waits for the transaction of its previous one, so each
/// conversation's posts are decided in the order they arrived.
/// </para>
/// </summary>
public sealed class GroupCommit(IDocumentStore store, TimeProvider clock, IOptions<ChatOptions> options, IServiceScopeFactory scopes,
    ILogger<GroupCommit> log) : BackgroundService
{
    private readonly Channel<PendingPost> arrivals = Channel.CreateUnbounded<PendingPost>(new UnboundedChannelOptions { SingleReader = true });

    public Task<CommandOutcome<SentMessage>> SubmitAsync(PendingPost post)
    {
        if (!options.Value.GroupCommit.Enabled) return RunAloneAsync(post, CancellationToken.None);
        if (!arrivals.Writer.TryWrite(post)) post.Answer.TrySetCanceled();
        return post.Answer.Task;
    }

    /// <summary>A post on its own, through its Wolverine handler: a new thread, a retry after a failed batch, or with batching off.</summary>
    private async Task<CommandOutcome<SentMessage>> RunAloneAsync(PendingPost post, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        return await bus.InvokeForTenantAsync<CommandOutcome<SentMessage>>(post.WorkspaceId, post.Command, ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        arrivals.Writer.TryComplete();
        await base.StopAsync(ct);
    }

    private sealed record Running(Task Commit, IReadOnlyCollection<Guid> Conversations);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var settings = options.Value.GroupCommit;
        var pending = new List<PendingPost>();
        var busy = new HashSet<Guid>();
        var running = new List<Running>();
        var open = true;
        try
        {
            while (open || pending.Count > 0 || running.Count > 0)
            {
                if (stopping.IsCancellationRequested) open = false;
                while (arrivals.Reader.TryRead(out var post)) pending.Add(post);
                var batch = running.Count < Math.Max(1, settings.MaxInFlight) ? TakeBatch(pending, busy, settings.MaxBatch) : [];
                if (batch.Count > 0)
                {
                    var conversations = batch.Select(p => p.ConversationId).ToList();
                    busy.UnionWith(conversations);
                    running.Add(new Running(CommitAllAsync(batch, stopping), conversations));
                    continue;
                }

                var wakeUps = running.Select(r => r.Commit).ToList();
                if (open) wakeUps.Add(arrivals.Reader.WaitToReadAsync(stopping).AsTask());
                if (wakeUps.Count == 0) break;
                var woken = await Task.WhenAny(wakeUps);
                if (woken is Task<bool> { IsCompletedSuccessfully: true, Result: false }) open = false;
                foreach (var done in running.Where(r => r.Commit.IsCompleted).ToList())
                {
                    running.Remove(done);
                    busy.ExceptWith(done.Conversations);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        foreach (var post in pending) post.Answer.TrySetCanceled();
    }

    /// <summary>
    /// The first waiting post of each conversation that has no transaction in flight, in arrival order. A
    /// conversation passed over keeps all its posts waiting, so none overtakes an earlier one.
    /// </summary>
    private static List<PendingPost> TakeBatch(List<PendingPost> pending, HashSet<Guid> busy, int maxBatch)
    {
        var seen = new HashSet<Guid>();
        var batch = new List<PendingPost>();
        var waiting = new List<PendingPost>();
        foreach (var post in pending)
        {
            var first = seen.Add(post.ConversationId);
            (first && !busy.Contains(post.ConversationId) && batch.Count < maxBatch ? batch : waiting).Add(post);
        }
        pending.Clear();
        pending.AddRange(waiting);
        return batch;
    }

    private async Task CommitAllAsync(List<PendingPost> batch, CancellationToken ct)
    {
        try
        {
            foreach (var workspace in batch.GroupBy(p => p.WorkspaceId)) await CommitAsync(workspace.Key, [.. workspace], ct);
        }
        finally
        {
            // Only a shutdown leaves posts unanswered here; their senders must not wait for ever.
            foreach (var post in batch) post.Answer.TrySetCanceled();
        }
    }

    private async Task CommitAsync(string workspaceId, List<PendingPost> posts, CancellationToken ct)
    {
        var alone = new List<PendingPost>();
        var answers = new List<(PendingPost Post, Func<CommandOutcome<SentMessage>> Answer)>();
        RouteWorkspace? trigger = null;
        try
        {
            await using var session = store.LightweightSession(workspaceId);
            await WriteLock.AcquireAllAsync(session, workspaceId, posts.Select(p => p.ConversationId), ct);
            var conversations = (await session.LoadManyAsync<Conversation>(ct, posts.Select(p => p.ConversationId)))
                .ToDictionary(c => c.Id);
            var threadIds = conversations.Values.Select(c => c.CurrentThreadId).OfType<Guid>().ToArray();
            var (threads, stored) = threadIds.Length == 0 ? ([], []) : await LoadThreadsAsync(session, threadIds, posts, ct);
            var now = clock.GetUtcNow();

            foreach (var post in posts)
            {
                var thread = conversations.GetValueOrDefault(post.ConversationId)?.CurrentThreadId is { } id ? threads.GetValueOrDefault(id) : null;
                if (thread is null || (thread.IsClosed && post.StartsThreadWhenNoneOpen))
                {
                    // Unknown conversations and new threads take the full path, after this transaction.
                    alone.Add(post);
                    continue;
                }
                if (stored.GetValueOrDefault((thread.Id, post.ClientMessageId)) is { } repeated)
                {
                    var repeat = Posting.Repeat(post.ConversationId, repeated);
                    answers.Add((post, () => repeat));
                    continue;
                }
                var decision = post.Decide(thread, now);
                if (decision.Rejection is { } rejection)
                {
                    answers.Add((post, () => rejection));
                    continue;
                }
                var stream = session.Events.Append(thread.Id, thread.LastVersion + decision.Events.Count, [.. decision.Events]);
                answers.Add((post, () => Sent(post.ConversationId, thread.Id, stream.Events)));
                trigger ??= RouteWorkspace.After(workspaceId, decision.Events);
            }
            // A post that lets a chat through (an agent's first reply takes the thread) wakes the router, in this transaction.
            await using var scope = scopes.CreateAsyncScope();
            if (trigger is not null)
            {
                var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
                outbox.Enroll(session);
                await outbox.RouteWorkspaceAsync(workspaceId);
            }
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One post's trouble must not fail the others: each runs again on its own, with its own retries.
            // A store fault (a refused text, a lost race, an outage) is answered per post; its details would only
            // repeat, and PostgreSQL's context in them quotes the data.
            if (StoreFaults.Classify(e) is var fault and not StoreFault.None)
                log.LogInformation("A group commit of {Count} posts failed ({Fault}); committing them one by one.", posts.Count, fault);
            else
                log.LogWarning(e, "A group commit of {Count} posts failed; committing them one by one.", posts.Count);
            await RunAloneAsync(posts, ct);
            return;
        }
        foreach (var (post, answer) in answers) post.Answer.TrySetResult(answer());
        await RunAloneAsync(alone, ct);
    }

    /// <summary>
    /// The posts' current threads, and the messages already stored in them under the posts' client message
    /// ids (the repeats), in one round trip. The repeats are one indexed query for the whole batch.
    /// </summary>
    private static async Task<(Dictionary<Guid, ChatThread> Threads, Dictionary<(Guid ThreadId, string ClientMessageId), ThreadMessage> Stored)>
        LoadThreadsAsync(IDocumentSession session, Guid[] threadIds, List<PendingPost> posts, CancellationToken ct)
    {
        var clientMessageIds = posts.Select(p => p.ClientMessageId).Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var threads = batch.LoadMany<ChatThread>().ById(threadIds);
        // Thread ids and client message ids are matched separately, so a row may pair one post's thread with
        // another's id; only exact pairs are kept.
        var stored = batch.Query<ThreadMessage>()
            .Where(m => threadIds.Contains(m.ThreadId) && clientMessageIds.Contains(m.ClientMessageId)).ToList();
        await batch.Execute(ct);
        return ((await threads).ToDictionary(t => t.Id), (await stored).ToDictionary(m => (m.ThreadId, m.ClientMessageId)));
    }

    private static SentMessage Sent(Guid conversationId, Guid threadId, IReadOnlyList<IEvent> appended)
    {
        var posted = appended.First(e => e.Data is MessagePosted or PrivateNoteAdded);
        return Posting.Sent(conversationId, threadId, posted.Version - 1, [posted.Data]);
    }

    private async Task RunAloneAsync(IEnumerable<PendingPost> posts, CancellationToken ct)
    {
        foreach (var post in posts)
        {
            try
            {
                post.Answer.TrySetResult(await RunAloneAsync(post, ct));
            }
            catch (Exception e)
            {
                post.Answer.TrySetException(e);
            }
        }
    }
}
