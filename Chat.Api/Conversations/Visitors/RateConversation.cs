using Chat.Domain.Threads;
using Chat.Domain.Threads.Rating;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Chat.Api.Conversations.Visitors;

/// <summary>The visitor rates the conversation's current thread.</summary>
public sealed record RateConversation(Guid ConversationId, string VisitorId, int Score, string? Comment) : IConversationCommand;

public static class RateConversationHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(RateConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(RateConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context,
            state => RateDecision.Decide(new Rate(command.VisitorId, command.Score, command.Comment), state, clock.GetUtcNow()));
}
