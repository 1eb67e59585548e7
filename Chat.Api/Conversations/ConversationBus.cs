using Chat.Api.RealTime;
using Microsoft.AspNetCore.SignalR;
using Wolverine;
using Wolverine.Http;

namespace Chat.Api.Conversations;

/// <summary>
/// How endpoints and hub methods hand a command to its Wolverine handler: on a bus that already carries the caller's
/// workspace as its tenant, which Wolverine detected from the token. The handler's session, lock and outbox belong to it.
/// </summary>
public static class ConversationBus
{
    public static Task<CommandOutcome<T>> RunAsync<T>(this IMessageBus bus, IConversationCommand command, CancellationToken ct)
        where T : class =>
        bus.TenantId is null
            ? throw new InvalidOperationException("A conversation command runs in the caller's workspace; this bus has none.")
            : bus.InvokeAsync<CommandOutcome<T>>(command, ct);

    /// <summary>Runs a command on the current thread and answers with where it left the thread, or the problem.</summary>
    public static async Task<IResult> AnswerAsync(this IMessageBus bus, IConversationCommand command, CancellationToken ct) =>
        (await bus.RunAsync<ThreadPosition>(command, ct)).ToResult(Results.Ok);

    /// <summary>
    /// A hub call is no Wolverine HTTP endpoint, but its connection's request is: Wolverine's tenant detection names the
    /// workspace from that request's token, the same rule the endpoints follow.
    /// </summary>
    public static async Task<IMessageBus> InCallersWorkspaceAsync(this IMessageBus bus, HubCallerContext caller, WolverineHttpOptions http)
    {
        var request = caller.GetHttpContext() ?? throw HubProblem.Of(401, "Unauthorized", "The connection has no request to read the token of.");
        bus.TenantId = await http.TryDetectTenantId(request)
            ?? throw HubProblem.Of(401, "Unauthorized", "The token names no workspace.");
        return bus;
    }
}
