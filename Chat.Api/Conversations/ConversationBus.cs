using System.Security.Claims;
using Chat.Api.Identity;
using Wolverine;

namespace Chat.Api.Conversations;

/// <summary>
/// How endpoints and hub methods hand a command to its Wolverine handler: in the workspace of the caller's token,
/// the one place the tenant is named, so every handler's session, lock and outbox belong to that workspace.
/// </summary>
public static class ConversationBus
{
    public static Task<CommandOutcome<T>> RunAsync<T>(this IMessageBus bus, ClaimsPrincipal caller, IConversationCommand command,
        CancellationToken ct) where T : class =>
        bus.InvokeForTenantAsync<CommandOutcome<T>>(caller.WorkspaceId(), command, ct);

    /// <summary>Runs a command on the current thread and answers with where it left the thread, or the problem.</summary>
    public static async Task<IResult> AnswerAsync(this IMessageBus bus, ClaimsPrincipal caller, IConversationCommand command,
        CancellationToken ct) =>
        (await bus.RunAsync<ThreadPosition>(caller, command, ct)).ToResult(Results.Ok);
}
