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

/// <summary>A private note, which only staff see.</summary>
public sealed record AddNote(Guid ConversationId, Guid NoteId, Guid AgentId, string Text, string ClientMessageId) : IPostCommand
{
    /// <summary>Without the text, which never goes to a log.</summary>
    public override string ToString() => $"AddNote {{ ConversationId = {ConversationId}, ClientMessageId = {ClientMessageId} }}";

    public bool StartsThreadWhenNoneOpen => false;

    public Decision Decide(ChatThread thread, int maxLength, DateTimeOffset now) =>
        AddPrivateNoteDecision.Decide(new AddPrivateNote(NoteId, AgentId, Text, ClientMessageId), thread, maxLength, now);
}

public static class AddNoteEndpoint
{
    [WolverinePost("/conversations/{conversationId:guid}/notes"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static async Task<IResult> Post(Guid conversationId, [FromBody] AgentMessageRequest request,
        ClaimsPrincipal user, IMessageBus bus, GroupCommit posts, IOptions<ChatOptions> options)
    {
        if (request.AttachmentIds is { Count: > 0 }) return Problems.Invalid("A note carries no files; attach them to a reply.");
        var command = new AddNote(conversationId, Guid.CreateVersion7(), user.AgentId(), request.Text ?? "", request.ClientMessageId ?? "");
        return (await posts.SubmitAsync(bus, command, options.Value.Messages.MaxLength)).ToResult(Posting.Answer);
    }
}

public static class AddNoteHandler
{
    public static Task<(IEventStream<ChatThread>?, ThreadMessage?)> LoadAsync(AddNote command, IDocumentSession session, CancellationToken ct) =>
        Posting.LoadAsync(command, session, ct);

    public static (CommandOutcome<SentMessage>, OutgoingMessages) Handle(AddNote command, IEventStream<ChatThread>? thread, ThreadMessage? repeat,
        IOptions<ChatOptions> options, IMessageContext context, TimeProvider clock) =>
        Posting.Post(command, thread, repeat, context, options.Value.Messages.MaxLength, clock.GetUtcNow());
}
