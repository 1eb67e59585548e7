using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads;

namespace Chat.Api.Conversations;

/// <summary>The common shape of an agent's command on a conversation: decide on the current thread, answer.</summary>
public static class CurrentThreadCommand
{
    public static async Task<IResult> RunAsync(this ConversationCommands commands, ClaimsPrincipal user, Guid conversationId,
        Func<ChatThread, DateTimeOffset, Decision> decide, CancellationToken ct)
    {
        var outcome = await commands.OnCurrentThreadAsync(user.WorkspaceId(), conversationId, decide, ct);
        return outcome.ToResult(Results.Ok);
    }
}
