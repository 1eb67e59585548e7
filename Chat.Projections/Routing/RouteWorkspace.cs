using Chat.Domain.Threads;

namespace Chat.Projections.Routing;

/// <summary>
/// Something changed that may let the router give a waiting thread to an agent: a thread was queued,
/// closed or released, an agent's availability or limit changed. The command that made the change returns it,
/// and it is published in the same transaction, so no waiting thread is ever left unseen.
/// </summary>
public sealed record RouteWorkspace(string WorkspaceId)
{
    /// <summary>The trigger when the appended events may let a chat through (or change the queue), else none.</summary>
    public static RouteWorkspace? After(string workspaceId, IEnumerable<object> events) =>
        events.Any(e => e is ThreadQueued or ThreadAssigned or ThreadClosed or ThreadUnassigned or AssignmentExpired or ThreadTransferred
            or ThreadReopened or StatusChanged { Status: ThreadStatus.Queued })
            ? new RouteWorkspace(workspaceId)
            : null;
}
