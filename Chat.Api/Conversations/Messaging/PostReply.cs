using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using Chat.Api.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Chat.Api.Conversations.Messaging;

/// <summary>An agent's reply, which the visitor sees.</summary>
public sealed record PostReply(Guid ConversationId, Guid MessageId, Actor By, string Text, string ClientMessageId) : IPostCommand
{
    /// <summary>Without the text, which never goes to a log.</summary>
    public override string ToString() => $"PostReply {{ ConversationId = {ConversationId}, ClientMessageId = {ClientMessageId} }}";

    public bool StartsThreadWhenNoneOpen => false;

    public Decision Decide(ChatThread thread, int maxLength, DateTimeOffset now) =>
        PostMessageDecision.Decide(new PostMessage(MessageId, By, Text, ClientMessageId), thread, maxLength, now);
}

public static class PostReplyHandler
{
    public static Task<(IEventStream<ChatThread>?, ThreadMessage?)> LoadAsync(PostReply command, IDocumentSession session, CancellationToken ct) =>
        Posting.LoadAsync(command, session, ct);

    public static (CommandOutcome<SentMessage>, OutgoingMessages) Handle(PostReply command, IEventStream<ChatThread>? thread, ThreadMessage? repeat,
        IOptions<ChatOptions> options, IMessageContext context, TimeProvider clock) =>
        Posting.Post(command, thread, repeat, context, options.Value.Messages.MaxLength, clock.GetUtcNow());
}
