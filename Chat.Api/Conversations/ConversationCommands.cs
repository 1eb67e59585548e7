using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Conversations.Starting;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using JasperFx.Events;
using Marten;

namespace Chat.Api.Conversations;

/// <summary>
/// Runs a pure decision against a conversation's current thread: takes the conversation's lock, loads
/// the write models from their streams, appends what the decision returns with the expected stream
/// version, and commits the events and the inline read models in one transaction.
/// </summary>
public sealed class ConversationCommands(IDocumentStore store, TimeProvider clock, GroupCommit groupCommit)
{
    public Task<CommandOutcome<ThreadPosition>> OnCurrentThreadAsync(string workspaceId, Guid conversationId,
        Func<ChatThread, DateTimeOffset, Decision> decide, CancellationToken ct) =>
        OnCurrentThreadAsync(workspaceId, conversationId, (_, thread, now, _) => Task.FromResult(decide(thread, now)), ct);

    /// <summary>
    /// Runs a pure decision about one message of the current thread (an edit, a deletion), handing it the
    /// stored facts of that message, looked up by its id under the conversation's lock (null when there is none).
    /// </summary>
    public Task<CommandOutcome<ThreadPosition>> OnMessageAsync(string workspaceId, Guid conversationId, Guid messageId,
        Func<ChatThread, MessageFacts?, DateTimeOffset, Decision> decide, CancellationToken ct) =>
        OnCurrentThreadAsync(workspaceId, conversationId, async (session, thread, now, token) =>
            decide(thread, (await session.LoadAsync<ThreadMessage>(messageId, token))?.ToFacts(), now), ct);

    private Task<CommandOutcome<ThreadPosition>> OnCurrentThreadAsync(string workspaceId, Guid conversationId,
        Func<IQuerySession, ChatThread, DateTimeOffset, CancellationToken, Task<Decision>> decide, CancellationToken ct) =>
        ConcurrencyRetry.RunAsync<CommandOutcome<ThreadPosition>>(async () =>
        {
            await using var session = store.LightweightSession(workspaceId);
            if (await LockCurrentThreadAsync(session, workspaceId, conversationId, ct) is not { } thread)
                return (CommandOutcome<ThreadPosition>)UnknownConversation(conversationId);

            var decision = await decide(session, thread.Aggregate!, clock.GetUtcNow(), ct);
            if (decision.Rejection is { } rejection) return rejection;

            if (decision.Events.Count > 0)
            {
                thread.AppendMany(decision.Events);
                await session.SaveChangesAsync(ct);
            }
            return new ThreadPosition(conversationId, thread.Id, thread.CurrentVersion ?? 0);
        }, ct);

    /// <summary>Runs a pure decision against the conversation stream itself (the visitor's details), under the conversation's lock.</summary>
    public Task<CommandOutcome<ConversationPosition>> OnConversationAsync(string workspaceId, Guid conversationId,
        Func<Conversation, DateTimeOffset, Decision> decide, CancellationToken ct) =>
        ConcurrencyRetry.RunAsync<CommandOutcome<ConversationPosition>>(async () =>
        {
            await using var session = store.LightweightSession(workspaceId);
            await WriteLock.AcquireAsync(session, workspaceId, conversationId, ct);
            var conversation = await session.Events.FetchForWriting<Conversation>(conversationId, ct);
            if (conversation.Aggregate is null) return (CommandOutcome<ConversationPosition>)UnknownConversation(conversationId);

            var decision = decide(conversation.Aggregate, clock.GetUtcNow());
            if (decision.Rejection is { } rejection) return rejection;

            if (decision.Events.Count > 0)
            {
                conversation.AppendMany(decision.Events);
                await session.SaveChangesAsync(ct);
            }
            return new ConversationPosition(conversationId, conversation.CurrentVersion ?? 0);
        }, ct);

    /// <summary>
    /// Posts to the current thread, returning the stored message again when the client message id was
    /// seen before, so that a resend appends nothing. Committed together with other conversations' posts;
    /// once handed over, a post is committed even if its sender goes away (a resend is then a repeat).
    /// </summary>
    public Task<CommandOutcome<SentMessage>> PostAsync(string workspaceId, Guid conversationId, string clientMessageId,
        Func<ChatThread, DateTimeOffset, Decision> decide) =>
        groupCommit.SubmitAsync(new PendingPost(workspaceId, conversationId, clientMessageId, decide,
            alone => PostAloneAsync(workspaceId, conversationId, clientMessageId, decide, alone), StartsThreadWhenNoneOpen: false));

    /// <summary>
    /// A visitor's message. Committed together with other conversations' posts when it goes to an open
    /// thread; the first message of a conversation or of a new thread takes the full path.
    /// </summary>
    public Task<CommandOutcome<SentMessage>> PostFromVisitorAsync(string workspaceId, Guid conversationId,
        StartThreadTemplate template) =>
        groupCommit.SubmitAsync(new PendingPost(workspaceId, conversationId, template.ClientMessageId,
            (thread, now) => PostMessageDecision.Decide(template.AsPost(), thread, template.MaxLength, now),
            alone => PostFromVisitorAloneAsync(workspaceId, conversationId, template, alone), StartsThreadWhenNoneOpen: true));

    private Task<CommandOutcome<SentMessage>> PostAloneAsync(string workspaceId, Guid conversationId, string clientMessageId,
        Func<ChatThread, DateTimeOffset, Decision> decide, CancellationToken ct) =>
        ConcurrencyRetry.RunAsync<CommandOutcome<SentMessage>>(async () =>
        {
            await using var session = store.LightweightSession(workspaceId);
            if (await LockCurrentThreadAsync(session, workspaceId, conversationId, ct) is not { } thread)
                return (CommandOutcome<SentMessage>)UnknownConversation(conversationId);

            if (await FindRepeatAsync(session, thread.Id, clientMessageId, ct) is { } stored) return Repeat(conversationId, stored);

            var decision = decide(thread.Aggregate!, clock.GetUtcNow());
            if (decision.Rejection is { } rejection) return rejection;

            thread.AppendMany(decision.Events);
            await session.SaveChangesAsync(ct);
            return Sent(conversationId, thread.Id, thread.Events);
        }, ct);

    /// <summary>
    /// A visitor's message: starts the conversation on the first one, opens a new thread when the last
    /// one was closed, and otherwise posts to the current thread.
    /// </summary>
    private Task<CommandOutcome<SentMessage>> PostFromVisitorAloneAsync(string workspaceId, Guid conversationId,
        StartThreadTemplate template, CancellationToken ct) =>
        ConcurrencyRetry.RunAsync<CommandOutcome<SentMessage>>(async () =>
        {
            await using var session = store.LightweightSession(workspaceId);
            await WriteLock.AcquireAsync(session, workspaceId, conversationId, ct);
            var now = clock.GetUtcNow();

            var conversation = await session.Events.FetchForWriting<Conversation>(conversationId, ct);
            if (conversation.Aggregate is { CurrentThreadId: { } currentId })
            {
                var current = await session.Events.FetchForWriting<ChatThread>(currentId, ct);
                if (await FindRepeatAsync(session, currentId, template.ClientMessageId, ct) is { } stored) return Repeat(conversationId, stored);
                if (!current.Aggregate!.IsClosed)
                {
                    var decision = PostMessageDecision.Decide(
                        template.AsPost(), current.Aggregate, template.MaxLength, now);
                    if (decision.Rejection is { } rejection) return rejection;
                    current.AppendMany(decision.Events);
                    await session.SaveChangesAsync(ct);
                    return Sent(conversationId, currentId, current.Events);
                }
            }

            var start = template.AsStart(conversationId);
            var decided = StartThreadDecision.Decide(
                start, conversation.Aggregate, workspaceId, template.MaxLength, now);
            if (decided.Rejection is { } refused) return refused;

            if (conversation.Aggregate is null)
                session.Events.StartStream<Conversation>(conversationId, [.. decided.ConversationEvents]);
            else
                conversation.AppendMany(decided.ConversationEvents);
            var threadStream = session.Events.StartStream<ChatThread>(start.ThreadId, [.. decided.ThreadEvents]);
            await session.SaveChangesAsync(ct);
            return Sent(conversationId, start.ThreadId, threadStream.Events);
        }, ct);

    /// <summary>Takes the conversation's lock and loads its current thread; null when there is no such conversation.</summary>
    private static async Task<IEventStream<ChatThread>?> LockCurrentThreadAsync(IDocumentSession session, string workspaceId,
        Guid conversationId, CancellationToken ct)
    {
        await WriteLock.AcquireAsync(session, workspaceId, conversationId, ct);
        var conversation = await session.Events.FetchForWriting<Conversation>(conversationId, ct);
        return conversation.Aggregate is { CurrentThreadId: { } threadId }
            ? await session.Events.FetchForWriting<ChatThread>(threadId, ct)
            : null;
    }

    private static Rejection UnknownConversation(Guid conversationId) =>
        Reject.NotFound($"Conversation {conversationId} does not exist.");

    /// <summary>
    /// The message already stored in the thread under this client message id, if the sender is repeating itself.
    /// Read under the conversation's lock, so it sees every earlier post of the conversation.
    /// </summary>
    private static Task<ThreadMessage?> FindRepeatAsync(IQuerySession session, Guid threadId, string clientMessageId, CancellationToken ct) =>
        session.Query<ThreadMessage>().Where(m => m.ThreadId == threadId && m.ClientMessageId == clientMessageId).FirstOrDefaultAsync(ct);

    internal static SentMessage Repeat(Guid conversationId, ThreadMessage stored) =>
        new(conversationId, stored.ThreadId, stored.Id, stored.Version, Duplicate: true);

    internal static SentMessage Sent(Guid conversationId, Guid threadId, IReadOnlyList<IEvent> appended)
    {
        var posted = appended.Single(e => e.Data is MessagePosted or PrivateNoteAdded);
        var messageId = posted.Data switch
        {
            MessagePosted m => m.MessageId,
            PrivateNoteAdded n => n.NoteId,
            _ => Guid.Empty,
        };
        return new SentMessage(conversationId, threadId, messageId, posted.Version, Duplicate: false);
    }
}
