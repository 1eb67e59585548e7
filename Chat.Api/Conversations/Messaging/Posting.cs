using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Chat.Api.Conversations.Messaging;

/// <summary>A message or note for a conversation's current thread, with the pure decision that accepts or refuses it.</summary>
public interface IPostCommand : IConversationCommand
{
    string ClientMessageId { get; }

    /// <summary>A visitor's message opens a new thread when the last one is closed; staff posts need an open one.</summary>
    bool StartsThreadWhenNoneOpen { get; }

    Decision Decide(ChatThread thread, int maxLength, DateTimeOffset now);
}

/// <summary>What the post handlers share: the load of the thread with any repeat, the answer, and the front door.</summary>
public static class Posting
{
    /// <summary>The current thread under the conversation's lock, and the message already stored under the client message id.</summary>
    public static async Task<(IEventStream<ChatThread>?, ThreadMessage?)> LoadAsync(IPostCommand command, IDocumentSession session,
        CancellationToken ct)
    {
        var thread = await CurrentThread.FetchAsync(session, command.ConversationId, ct);
        return (thread, thread is null ? null : await FindRepeatAsync(session, thread.Id, command.ClientMessageId, ct));
    }

    /// <summary>The stored message again for a repeat; otherwise the decision's events, with the router's trigger when they call for it.</summary>
    public static (CommandOutcome<SentMessage>, OutgoingMessages) Post(IPostCommand command, IEventStream<ChatThread>? thread,
        ThreadMessage? repeat, IMessageContext context, int maxLength, DateTimeOffset now)
    {
        if (thread?.Aggregate is not { } state) return (CurrentThread.UnknownConversation(command.ConversationId), []);
        if (repeat is not null) return (Repeat(command.ConversationId, repeat), []);
        var decision = command.Decide(state, maxLength, now);
        if (decision.Rejection is { } rejection) return (rejection, []);
        thread.AppendMany(decision.Events);
        return (Sent(command.ConversationId, thread.Id, thread.StartingVersion ?? 0, decision.Events), CurrentThread.Triggers(context, decision.Events));
    }

    /// <summary>
    /// Hands a post to the group commit, which shares one transaction among posts to different conversations, or,
    /// with <c>Chat:GroupCommit:Enabled</c> off, straight to its Wolverine handler (the README compares the two);
    /// in the workspace the caller's bus carries, as Wolverine detected it from the token.
    /// </summary>
    public static Task<CommandOutcome<SentMessage>> SubmitAsync(this GroupCommit groupCommit, IMessageBus bus, IPostCommand command,
        int maxLength) =>
        groupCommit.SubmitAsync(new PendingPost(
            bus.TenantId ?? throw new InvalidOperationException("A post runs in the caller's workspace; this bus has none."),
            command.ConversationId, command.ClientMessageId,
            (thread, now) => command.Decide(thread, maxLength, now),
            command, command.StartsThreadWhenNoneOpen));

    /// <summary>201 with the stored message; 200 with it for a repeat, which stored nothing.</summary>
    public static IResult Answer(SentMessage sent) => sent.Duplicate ? Results.Ok(sent) : Results.Created((string?)null, sent);

    public static Task<ThreadMessage?> FindRepeatAsync(IQuerySession session, Guid threadId, string clientMessageId, CancellationToken ct) =>
        session.Query<ThreadMessage>().Where(m => m.ThreadId == threadId && m.ClientMessageId == clientMessageId).FirstOrDefaultAsync(ct);

    public static SentMessage Repeat(Guid conversationId, ThreadMessage stored) =>
        new(conversationId, stored.ThreadId, stored.Id, stored.Version, Duplicate: true);

    /// <summary>The posted message's id and the version it takes once the appended events are committed.</summary>
    public static SentMessage Sent(Guid conversationId, Guid threadId, long startingVersion, IReadOnlyList<object> appended)
    {
        var index = appended.ToList().FindIndex(e => e is MessagePosted or PrivateNoteAdded);
        var messageId = appended[index] switch
        {
            MessagePosted m => m.MessageId,
            PrivateNoteAdded n => n.NoteId,
            _ => Guid.Empty,
        };
        return new SentMessage(conversationId, threadId, messageId, startingVersion + index + 1, Duplicate: false);
    }
}
