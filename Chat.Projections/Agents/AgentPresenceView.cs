using Chat.Domain.Agents;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Chat.Projections.Agents;

/// <summary>An agent's current availability, as the inbox and routing read it.</summary>
public sealed record AgentPresenceView
{
    public Guid Id { get; init; }
    public AgentStatus Status { get; init; }
    public string Reason { get; init; } = "";
    public DateTimeOffset Since { get; init; }
}

/// <summary>The change pushed to the workspace's staff when an agent's availability changes.</summary>
public sealed record AgentPresenceChanged(string WorkspaceId, Guid AgentId, AgentStatus Status, string Reason, DateTimeOffset Since);

public sealed partial class AgentPresenceProjection : SingleStreamProjection<AgentPresenceView, Guid>
{
    /// <summary>Only agent streams concern it; without this every conversation write would load a presence row too.</summary>
    public AgentPresenceProjection() => IncludeType<AgentStatusChanged>();

    public override AgentPresenceView? Evolve(AgentPresenceView? view, Guid id, IEvent e) => e.Data is AgentStatusChanged changed
        ? new AgentPresenceView { Id = changed.AgentId, Status = changed.Status, Reason = changed.Reason, Since = e.At() }
        : view;

    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<AgentPresenceView> slice)
    {
        if (slice.Snapshot is { } view)
        {
            slice.PublishMessage(new AgentPresenceChanged(slice.Events()[0].TenantId, view.Id, view.Status, view.Reason, view.Since));
        }
        return ValueTask.CompletedTask;
    }
}
