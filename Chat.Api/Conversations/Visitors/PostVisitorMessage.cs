using Chat.Api.Attachments;
using Chat.Api.Conversations.Messaging;
using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Conversations.Starting;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using Chat.Api.Infrastructure;
using JasperFx.Events;
using Marten;
using Wolverine;
using System.Security.Claims;
using Chat.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Visitors;

/// <summary>
/// A visitor's message: it starts the conversation when it is the first, opens a new thread when the last one was
/// closed, and otherwise joins the current thread.
/// </summary>
public sealed record PostVisitorMessage(Guid ConversationId, StartThreadTemplate Template) : IPostCommand
{
    public string ClientMessageId => Template.ClientMessageId;
    /// <summary>Without the text, which never goes to a log.</summary>
    public override string ToString() => $"PostVisitorMessage {{ ConversationId = {ConversationId}, ClientMessageId = {ClientMessageId} }}";

    public bool StartsThreadWhenNoneOpen => true;

    public Decision Decide(ChatThread thread, int maxLength, DateTimeOffset now) =>
        PostMessageDecision.Decide(Template.AsPost(), thread, Template.MaxLength, now);
}

/// <param name="AttachmentIds">Uploads (<c>POST /api/visitor/attachments</c>) the message carries.</param>
public sealed record VisitorMessageRequest(string? Text, string? ClientMessageId, IReadOnlyList<Guid>? AttachmentIds = null);

public static class PostVisitorMessageEndpoint
{
    [WolverinePost("/visitor/messages"), Authorize(Policies.Visitor), Tags("Visitor")]
    public static async Task<IResult> Post([FromBody] VisitorMessageRequest request, ClaimsPrincipal user, IMessageBus bus,
        GroupCommit posts, IOptions<ChatOptions> options, IDocumentStore store, CancellationToken ct)
    {
        var files = await AttachmentIds.ResolveAsync(store, user.WorkspaceId(), user.ConversationId(), Actor.Visitor(user.SubjectId()),
            request.ClientMessageId, request.AttachmentIds, options.Value.Attachments, ct);
        if (files.Problem is { } refused) return refused;
        var template = new StartThreadTemplate(Guid.CreateVersion7(), user.Profile(), request.Text ?? "",
            request.ClientMessageId ?? "", options.Value.Messages.MaxLength, files.Files);
        return (await posts.SubmitAsync(bus, new PostVisitorMessage(user.ConversationId(), template), template.MaxLength))
            .ToResult(Posting.Answer);
    }
}

public static class PostVisitorMessageHandler
{
    /// <summary>The conversation (null before the first message), its current thread, and any repeat, under the conversation's lock.</summary>
    public static async Task<(IEventStream<Conversation>, IEventStream<ChatThread>?, ThreadMessage?)> LoadAsync(PostVisitorMessage command,
        IDocumentSession session, CancellationToken ct)
    {
        await WriteLock.AcquireAsync(session, session.TenantId, command.ConversationId, ct);
        var conversation = await session.Events.FetchForWriting<Conversation>(command.ConversationId, ct);
        if (conversation.Aggregate is not { CurrentThreadId: { } currentId }) return (conversation, null, null);
        var current = await session.Events.FetchForWriting<ChatThread>(currentId, ct);
        return (conversation, current, await Posting.FindRepeatAsync(session, currentId, command.ClientMessageId, ct));
    }

    public static (CommandOutcome<SentMessage>, OutgoingMessages) Handle(PostVisitorMessage command, IEventStream<Conversation> conversation,
        IEventStream<ChatThread>? current, ThreadMessage? repeat, IDocumentSession session, IMessageContext context, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (repeat is not null) return (Posting.Repeat(command.ConversationId, repeat), []);
        if (current?.Aggregate is { IsClosed: false }) return Posting.Post(command, current, null, context, command.Template.MaxLength, now);

        var start = command.Template.AsStart(command.ConversationId);
        var decided = StartThreadDecision.Decide(start, conversation.Aggregate, session.TenantId, command.Template.MaxLength, now);
        if (decided.Rejection is { } refused) return (refused, []);

        if (conversation.Aggregate is null)
            session.Events.StartStream<Conversation>(command.ConversationId, [.. decided.ConversationEvents]);
        else
            conversation.AppendMany(decided.ConversationEvents);
        session.Events.StartStream<ChatThread>(start.ThreadId, [.. decided.ThreadEvents]);
        return (Posting.Sent(command.ConversationId, start.ThreadId, 0, decided.ThreadEvents), CurrentThread.Triggers(context, decided.ThreadEvents));
    }
}
