using Chat.Projections.Routing;

namespace Chat.Api.Routing;

/// <summary>The router's triggers, from the durable local routing queue.</summary>
public static class RouterHandler
{
    public static Task Handle(RouteWorkspace message, WorkspaceRouter router, CancellationToken ct) =>
        router.RouteAsync(message.WorkspaceId, ct);

    public static Task Handle(AnswerDeadline deadline, WorkspaceRouter router, CancellationToken ct) =>
        router.AnswerDeadlineAsync(deadline, ct);

    public static Task Handle(MaxWaitDeadline deadline, WorkspaceRouter router, CancellationToken ct) =>
        router.MaxWaitDeadlineAsync(deadline, ct);
}
