namespace Chat.Api.Agents;

/// <summary>
/// A running node's claim to the hub connections it holds: valid until <see cref="ExpiresAt"/>, renewed by
/// the node while it lives (<see cref="NodeLeases"/>). A lease that expired marks a node that stopped,
/// crashed or lost the database; any node then drops its connections.
/// </summary>
public sealed record NodeLease(Guid Id, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);

/// <summary>An agent's last connection went at <see cref="Since"/>: unless one comes back, they go offline after the grace period.</summary>
public sealed record AgentAbsence(Guid Id, string WorkspaceId, DateTimeOffset Since);

/// <summary>One hub connection of an agent, and the node that holds it.</summary>
public sealed record AgentConnection(string Id, string WorkspaceId, Guid AgentId, Guid NodeId, DateTimeOffset ConnectedAt);
