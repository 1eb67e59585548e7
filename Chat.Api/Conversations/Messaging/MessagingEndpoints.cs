using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Threads.Messaging;
using Microsoft.Extensions.Options;

namespace Chat.Api.Conversations.Messaging;

public sealed record AgentMessageRequest(string? Text, string? ClientMessageId);

public sealed record EditMessageRequest(string? Text);

/// <summary>Agents write to a conversation's current thread: replies, private notes, edits and deletions.</summary>
public static class MessagingEndpoints
{
    public static RouteGroupBuilder MapMessaging(this RouteGroupBuilder staff)
    {
        var conversation = staff.MapGroup("/conversations/{conversationId:guid}").RequireAuthorization(Policies.WorkConversations);
        conversation.MapPost("/messages", ReplyAsync);
        conversation.MapPost("/notes", NoteAsync);
        conversation.MapPatch("/messages/{messageId:guid}", EditAsync);
        conversation.MapDelete("/messages/{messageId:guid}", DeleteAsync);
        return staff;
    }

    private static async Task<IResult> ReplyAsync(Guid conversationId, AgentMessageRequest request, ClaimsPrincipal user,
        ConversationCommands commands, IOptions<ChatOptions> options)
    {
        var command = new PostMessage(Guid.CreateVersion7(), user.AsAgent(), request.Text ?? "", request.ClientMessageId ?? "");
        var outcome = await commands.PostAsync(user.WorkspaceId(), conversationId, command.ClientMessageId,
            (thread, now) => PostMessageDecision.Decide(command, thread, options.Value.Messages.MaxLength, now));
        return outcome.ToResult(Answer);
    }

    private static async Task<IResult> NoteAsync(Guid conversationId, AgentMessageRequest request, ClaimsPrincipal user,
        ConversationCommands commands, IOptions<ChatOptions> options)
    {
        var command = new AddPrivateNote(Guid.CreateVersion7(), user.AgentId(), request.Text ?? "", request.ClientMessageId ?? "");
        var outcome = await commands.PostAsync(user.WorkspaceId(), conversationId, command.ClientMessageId,
            (thread, now) => AddPrivateNoteDecision.Decide(command, thread, options.Value.Messages.MaxLength, now));
        return outcome.ToResult(Answer);
    }

    private static async Task<IResult> EditAsync(Guid conversationId, Guid messageId, EditMessageRequest request,
        ClaimsPrincipal user, ConversationCommands commands, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var command = new EditMessage(messageId, user.AgentId(), request.Text ?? "");
        var outcome = await commands.OnMessageAsync(user.WorkspaceId(), conversationId, messageId,
            (thread, message, now) => EditMessageDecision.Decide(command, thread, message, options.Value.Messages.MaxLength, now), ct);
        return outcome.ToResult(Results.Ok);
    }

    private static async Task<IResult> DeleteAsync(Guid conversationId, Guid messageId, ClaimsPrincipal user,
        ConversationCommands commands, CancellationToken ct)
    {
        var command = new DeleteMessage(messageId, user.AgentId());
        var outcome = await commands.OnMessageAsync(user.WorkspaceId(), conversationId, messageId,
            (thread, message, now) => DeleteMessageDecision.Decide(command, thread, message, now), ct);
        return outcome.ToResult(Results.Ok);
    }

    private static IResult Answer(SentMessage sent) => sent.Duplicate ? Results.Ok(sent) : Results.Created((string?)null, sent);
}
