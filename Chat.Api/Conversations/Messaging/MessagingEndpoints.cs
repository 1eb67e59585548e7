using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Threads.Messaging;
using Microsoft.Extensions.Options;

namespace Chat.Api.Conversations.Messaging;

public sealed record AgentMessageRequest(string? Text, string? ClientMessageId);

/// <summary>Agents write to a conversation's current thread: replies, private notes, edits and deletions.</summary>
public static class MessagingEndpoints
{
    public static RouteGroupBuilder MapMessaging(this RouteGroupBuilder staff)
    {
        var conversation = staff.MapGroup("/conversations/{conversationId:guid}").RequireAuthorization(Policies.WorkConversations);
        conversation.MapPost("/messages", ReplyAsync);
        conversation.MapPost("/notes", NoteAsync);
        return staff;
    }

    private static async Task<IResult> ReplyAsync(Guid conversationId, AgentMessageRequest request, ClaimsPrincipal user,
        GroupCommit posts, IOptions<ChatOptions> options)
    {
        var command = new PostReply(conversationId, Guid.CreateVersion7(), user.AsAgent(), request.Text ?? "", request.ClientMessageId ?? "");
        return (await posts.SubmitAsync(user.WorkspaceId(), command, options.Value.Messages.MaxLength)).ToResult(Answer);
    }

    private static async Task<IResult> NoteAsync(Guid conversationId, AgentMessageRequest request, ClaimsPrincipal user,
        GroupCommit posts, IOptions<ChatOptions> options)
    {
        var command = new AddNote(conversationId, Guid.CreateVersion7(), user.AgentId(), request.Text ?? "", request.ClientMessageId ?? "");
        return (await posts.SubmitAsync(user.WorkspaceId(), command, options.Value.Messages.MaxLength)).ToResult(Answer);
    }

    private static IResult Answer(SentMessage sent) => sent.Duplicate ? Results.Ok(sent) : Results.Created((string?)null, sent);
}
