using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using Chat.Api.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using System.Security.Claims;
using Chat.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

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

public sealed record AgentMessageRequest(string? Text, string? ClientMessageId);

public static class PostReplyEndpoint
{
    [WolverinePost("/conversations/{conversationId:guid}/messages"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static async Task<IResult> Post(Guid conversationId, [FromBody] AgentMessageRequest request,
        ClaimsPrincipal user, IMessageBus bus, GroupCommit posts, IOptions<ChatOptions> options)
    {
        var command = new PostReply(conversationId, Guid.CreateVersion7(), user.AsAgent(), request.Text ?? "", request.ClientMessageId ?? "");
        return (await posts.SubmitAsync(bus, command, options.Value.Messages.MaxLength)).ToResult(Posting.Answer);
    }
}

public static class PostReplyHandler
{
    public static Task<(IEventStream<ChatThread>?, ThreadMessage?)> LoadAsync(PostReply command, IDocumentSession session, CancellationToken ct) =>
        Posting.LoadAsync(command, session, ct);

    public static (CommandOutcome<SentMessage>, OutgoingMessages) Handle(PostReply command, IEventStream<ChatThread>? thread, ThreadMessage? repeat,
        IOptions<ChatOptions> options, IMessageContext context, TimeProvider clock) =>
        Posting.Post(command, thread, repeat, context, options.Value.Messages.MaxLength, clock.GetUtcNow());
}
