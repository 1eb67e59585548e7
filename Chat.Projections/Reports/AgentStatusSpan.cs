using Chat.Domain.Agents;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Chat.Projections.Reports;

/// <summary>
/// From one status change of an agent to the next: a span ends where the agent's next one starts, so each change is
/// written once and never read back (the reports pair them up with a window function).
/// </summary>
public sealed record AgentStatusSpan
{
    /// <summary>The event's id.</summary>
    public Guid Id { get; init; }
    public Guid AgentId { get; init; }
    public AgentStatus Status { get; init; }
    public DateTimeOffset Since { get; init; }
}

public sealed partial class AgentStatusSpanProjection : EventProjection
{
    public AgentStatusSpanProjection()
    {
        Name = nameof(AgentStatusSpan);
        IncludeType<AgentStatusChanged>();
        Options.DeleteViewTypeOnTeardown<AgentStatusSpan>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is AgentStatusChanged changed)
            operations.Store(new AgentStatusSpan { Id = e.Id, AgentId = changed.AgentId, Status = changed.Status, Since = changed.ChangedAt });
        return ValueTask.CompletedTask;
    }
}
