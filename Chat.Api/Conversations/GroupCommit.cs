using System.Threading.Channels;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.Conversations;

/// <summary>A message waiting to be committed, with what decides it and the sender's pending answer.</summary>
public sealed record PendingPost(
    string WorkspaceId,
    Guid ConversationId,
    string ClientMessageId,
    Func<ChatThread, DateTimeOffset, Decision> Decide,
    Func<CancellationToken, Task<CommandOutcome<SentMessage>>> Alone,
    bool StartsThreadWhenNoneOpen)
{
    public TaskCompletionSource<CommandOutcome<SentMessage>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Posting is the busiest command, and a transaction per message spends most of its time on round trips
/// and commits. Here posts to different conversations share one transaction: it takes all their locks in
/// one statement, loads their write models in two, appends every accepted message and commits once. A
/// sender's answer is given only after that commit. Posts to one conversation always travel in the same
/// lane and are decided in the order they arrived; a lane never holds two of them in one transaction.
/// Under light load a batch holds a single post, so nothing waits for company.
/// </summary>
public sealed class GroupCommit(IDocumentStore store, TimeProvider clock, IOptions<ChatOptions> options, ILogger<GroupCommit> log)
    : BackgroundService
{
    private readonly Channel<PendingPost>[] lanes = [.. Enumerable.Range(0, Math.Max(1, options.Value.GroupCommit.Lanes))
        .Select(_ => Channel.CreateUnbounded<PendingPost>(new UnboundedChannelOptions { SingleReader = true }))];

    public Task<CommandOutcome<SentMessage>> SubmitAsync(PendingPost post)
    {
        var lane = lanes[(int)((uint)post.ConversationId.GetHashCode() % (uint)lanes.Length)];
        if (!lane.Writer.TryWrite(post)) post.Answer.TrySetCanceled();
        return post.Answer.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stopping) =>
        Task.WhenAll(lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader, stopping), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken ct)
    {
        foreach (var lane in lanes) lane.Writer.TryComplete();
        await base.StopAsync(ct);
    }

    private async Task RunLaneAsync(ChannelReader<PendingPost> reader, CancellationToken stopping)
    {
        var carried = new List<PendingPost>();
        try
        {
            while (carried.Count > 0 || await reader.WaitToReadAsync(stopping))
            {
                var batch = carried;
                while (batch.Count < options.Value.GroupCommit.MaxBatch && reader.TryRead(out var post)) batch.Add(post);
                var (now, later) = OnePerConversation(batch);
                carried = later;
                foreach (var workspace in now.GroupBy(p => p.WorkspaceId))
                    await CommitAsync(workspace.Key, [.. workspace], stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        foreach (var post in carried) post.Answer.TrySetCanceled();
        while (reader.TryRead(out var left)) left.Answer.TrySetCanceled();
    }

    /// <summary>The first post of each conversation goes now; a later one waits for the next transaction.</summary>
    private static (List<PendingPost> Now, List<PendingPost> Later) OnePerConversation(List<PendingPost> batch)
    {
        var seen = new HashSet<Guid>();
        var now = new List<PendingPost>();
        var later = new List<PendingPost>();
        foreach (var post in batch) (seen.Add(post.ConversationId) ? now : later).Add(post);
        return (now, later);
    }

    private async Task CommitAsync(string workspaceId, List<PendingPost> posts, CancellationToken ct)
    {
        var alone = new List<PendingPost>();
        var answers = new List<(PendingPost Post, Func<CommandOutcome<SentMessage>> Answer)>();
        try
        {
            await using var session = store.LightweightSession(workspaceId);
            await WriteLock.AcquireAllAsync(session, workspaceId, posts.Select(p => p.ConversationId), ct);
            var conversations = (await session.LoadManyAsync<Conversation>(ct, posts.Select(p => p.ConversationId)))
                .ToDictionary(c => c.Id);
            var threadIds = conversations.Values.Select(c => c.CurrentThreadId).OfType<Guid>().ToArray();
            var threads = threadIds.Length == 0 ? [] : (await session.LoadManyAsync<ChatThread>(ct, threadIds)).ToDictionary(t => t.Id);
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
                if (MessageText.FindRepeat(thread, post.ClientMessageId) is { } stored)
                {
                    var repeat = new SentMessage(post.ConversationId, thread.Id, stored.MessageId, stored.Version, Duplicate: true);
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
                answers.Add((post, () => ConversationCommands.Sent(post.ConversationId, thread.Id, stream.Events)));
            }
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One post's trouble must not fail the others: each runs again on its own, with its own retries.
            log.LogWarning(e, "A group commit of {Count} posts failed; committing them one by one.", posts.Count);
            await RunAloneAsync(posts, ct);
            return;
        }
        foreach (var (post, answer) in answers) post.Answer.TrySetResult(answer());
        await RunAloneAsync(alone, ct);
    }

    private static async Task RunAloneAsync(IEnumerable<PendingPost> posts, CancellationToken ct)
    {
        foreach (var post in posts)
        {
            try
            {
                post.Answer.TrySetResult(await post.Alone(ct));
            }
            catch (Exception e)
            {
                post.Answer.TrySetException(e);
            }
        }
    }
}
