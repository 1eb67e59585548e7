using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain.Threads.Closing;

namespace Chat.Api.Conversations.Closing;

public sealed record CloseRequest(string? Reason);

public static class ClosingEndpoints
{
    public static RouteGroupBuilder MapClosing(this RouteGroupBuilder staff)
    {
        var conversation = staff.MapGroup("/conversations/{conversationId:guid}").RequireAuthorization(Policies.WorkConversations);

        conversation.MapPost("/close", (Guid conversationId, CloseRequest? request, ClaimsPrincipal user,
                ConversationCommands commands, CancellationToken ct) =>
            commands.RunAsync(user, conversationId,
                (thread, now) => CloseDecision.Decide(new Close(request?.Reason, user.AsAgent()), thread, now), ct));

        conversation.MapPost("/reopen", (Guid conversationId, ClaimsPrincipal user, ConversationCommands commands,
                CancellationToken ct) =>
            commands.RunAsync(user, conversationId,
                (thread, now) => ReopenDecision.Decide(new Reopen(user.AsAgent()), thread, now), ct));

        return staff;
    }
}
