using Chat.Api.Identity;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Reading;
using System.Security.Claims;

namespace Chat.Api.Conversations.Reading;

public sealed record MarkReadRequest(long UpToVersion);

public static class MarkReadEndpoint
{
    public static RouteGroupBuilder MapAgentMarkRead(this RouteGroupBuilder staff)
    {
        staff.MapPost("/conversations/{conversationId:guid}/read", async (Guid conversationId, MarkReadRequest request,
                ClaimsPrincipal user, ConversationCommands commands, CancellationToken ct) =>
            {
                var command = new MarkRead(ReaderSide.Agent, user.SubjectId(), request.UpToVersion);
                var outcome = await commands.OnCurrentThreadAsync(user.WorkspaceId(), conversationId,
                    (thread, now) => MarkReadDecision.Decide(command, thread, now), ct);
                return outcome.ToResult(Results.Ok);
            })
            .RequireAuthorization(Policies.WorkConversations);
        return staff;
    }
}
