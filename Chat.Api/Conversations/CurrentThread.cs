using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Threads;
using Marten;
using Chat.Projections.Routing;
using Wolverine;
using JasperFx.Events;

namespace Chat.Api.Conversations;

/// <summary>A command on one conversation, run by a Wolverine handler in the caller's workspace.</summary>
public interface IConversationCommand
{
    Guid ConversationId { get; }
}

/// <summary>
/// The write model of the commands on a conversation's current thread. Each handler's <c>LoadAsync</c> calls
/// <see cref="FetchAsync"/> in the session Wolverine opened for the command's workspace; its <c>Handle</c> passes
/// the pure decision to <see cref="Decide"/>; Wolverine's transactional middleware commits.
/// </summary>
public static class CurrentThread
{
    /// <summary>
    /// Serialises the conversation's writers, then loads its current thread for writing; null when there is no such
    /// conversation. Marten's own exclusive fetch refuses at once (NOWAIT) when another writer holds the stream, and
    /// its consistency assertion only reads the version, so neither orders the inline read models that fold the
    /// conversation's streams into one row; the conversation's transaction lock does, and waits its turn instead.
    /// </summary>
    public static async Task<IEventStream<ChatThread>?> FetchAsync(IDocumentSession session, Guid conversationId, CancellationToken ct)
    {
        await WriteLock.AcquireAsync(session, session.TenantId, conversationId, ct);
        var conversation = await session.Events.FetchForWriting<Conversation>(conversationId, ct);
        return conversation.Aggregate is { CurrentThreadId: { } threadId }
            ? await session.Events.FetchForWriting<ChatThread>(threadId, ct)
            : null;
    }

    /// <summary>
    /// Appends what the decision returns, or answers its refusal (an unknown conversation is a 404); with the router's
    /// trigger when the events may let a waiting chat through, which Wolverine publishes with the commit.
    /// </summary>
    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Decide(this IEventStream<ChatThread>? thread, Guid conversationId,
        IMessageContext context, Func<ChatThread, Decision> decide)
    {
        if (thread?.Aggregate is not { } state) return Refused(UnknownConversation(conversationId));
        var decision = decide(state);
        if (decision.Rejection is { } rejection) return Refused(rejection);
        if (decision.Events.Count > 0) thread.AppendMany(decision.Events);
        return (new ThreadPosition(conversationId, thread.Id, thread.CurrentVersion ?? 0), Triggers(context, decision.Events));
    }

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Refused(Rejection rejection) => (rejection, []);

    /// <summary>The router's trigger, in the command's workspace, when the appended events may let a chat through.</summary>
    public static OutgoingMessages Triggers(IMessageContext context, IEnumerable<object> appended) =>
        RouteWorkspace.After(context.TenantId!, appended) is { } trigger ? [trigger] : [];

    public static Rejection UnknownConversation(Guid conversationId) =>
        Reject.NotFound($"Conversation {conversationId} does not exist.");
}
