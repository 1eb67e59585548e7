using Chat.Domain.Routing;
using Chat.Projections.Routing;
using Wolverine;

namespace Chat.Api.Routing;

/// <summary>After the answer timeout: did the routed agent answer? Ignored when the workspace has no router.</summary>
public sealed record AnswerDeadline(string WorkspaceId, Guid ConversationId, Guid ThreadId, Guid AgentId, long AssignedVersion, TimeSpan DelayTime)
    : TimeoutMessage(DelayTime), IConversationDeadline;

/// <summary>After the longest wait: is the thread still waiting? Ignored when the workspace has no router.</summary>
public sealed record MaxWaitDeadline(string WorkspaceId, Guid ConversationId, Guid ThreadId, TimeSpan DelayTime)
    : TimeoutMessage(DelayTime), IConversationDeadline;

/// <summary>A scheduled check on one conversation's thread.</summary>
public interface IConversationDeadline
{
    Guid ConversationId { get; }
}

/// <summary>The queue of a workspace changed; each waiting visitor hears their new place.</summary>
public sealed record QueueChanged(string WorkspaceId, IReadOnlyList<QueuePlace> Places);

public static class RoutingTrigger
{
    /// <summary>
    /// Asks the workspace's router to run, with the workspace as the message's tenant: the router's state and the read
    /// models it reads belong to that tenant.
    /// </summary>
    public static ValueTask RouteWorkspaceAsync(this IMessageBus bus, string workspaceId) =>
        bus.PublishAsync(new RouteWorkspace(workspaceId), new DeliveryOptions { TenantId = workspaceId });
}
