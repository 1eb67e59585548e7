using Wolverine;

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
}
