using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using Chat.Api.Attachments;
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
public sealed record PostReply(Guid ConversationId, Guid MessageId, Actor By, string Text, string ClientMessageId,
    IReadOnlyList<AttachedFile>? Attachments = null) : IPostCommand
{
    /// <summary>Without the text, which never goes to a log.</summary>
    public override string ToString() => $"PostReply {{ ConversationId = {ConversationId}, ClientMessageId = {ClientMessageId} }}";

    public bool StartsThreadWhenNoneOpen => false;

    public Decision Decide(ChatThread thread, int maxLength, DateTimeOffset now) =>
        PostMessageDecision.Decide(new PostMessage(MessageId, By, Text, ClientMessageId, Attachments), thread, maxLength, now);
}

/// <param name="AttachmentIds">Uploads (<c>POST /api/conversations/{id}/attachments</c>) the reply carries; a note carries none.</param>
public sealed record AgentMessageRequest(string? Text, string? ClientMessageId, IReadOnlyList<Guid>? AttachmentIds = null);

public static class PostReplyEndpoint
{
    [WolverinePost("/conversations/{conversationId:guid}/messages"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static async Task<IResult> Post(Guid conversationId, [FromBody] AgentMessageRequest request,
        ClaimsPrincipal user, IMessageBus bus, GroupCommit posts, IOptions<ChatOptions> options, IDocumentStore store, CancellationToken ct)
    {
        var files = await AttachmentIds.ResolveAsync(store, user.WorkspaceId(), conversationId, user.AsAgent(), request.ClientMessageId,
            request.AttachmentIds, options.Value.Attachments, ct);
        if (files.Problem is { } refused) return refused;
        var command = new PostReply(conversationId, Guid.CreateVersion7(), user.AsAgent(), request.Text ?? "", request.ClientMessageId ?? "",
            files.Files);
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
