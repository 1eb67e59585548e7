namespace Chat.Domain.Agents;

public enum AgentStatus { Offline, Online, Away }

/// <summary>Why a status changed: the agent said so, or their connections came or went.</summary>
public static class PresenceReasons
{
    public const string SetByAgent = "set by agent";
    public const string Connected = "connected";
    public const string Disconnected = "last connection gone";
}

/// <summary>An agent's availability changed; the agent's own stream keeps these, for routing and history.</summary>
public sealed record AgentStatusChanged(Guid AgentId, AgentStatus Status, AgentStatus Previous, string Reason, DateTimeOffset ChangedAt);

/// <summary>Write model of an agent's presence stream.</summary>
public sealed record AgentPresence(Guid Id, AgentStatus Status)
{
    public static AgentPresence Create(AgentStatusChanged e) => new(e.AgentId, e.Status);

    public AgentPresence Apply(AgentStatusChanged e) => this with { Status = e.Status };
}

public static class PresenceDecisions
{
    /// <summary>A connection makes an offline agent online; an agent who chose "away" stays away.</summary>
    public static AgentStatusChanged? Connected(Guid agentId, AgentPresence? presence, DateTimeOffset now) =>
        presence is null or { Status: AgentStatus.Offline }
            ? new AgentStatusChanged(agentId, AgentStatus.Online, presence?.Status ?? AgentStatus.Offline, PresenceReasons.Connected, now)
            : null;

    /// <summary>The last connection gone for longer than the grace period makes the agent offline.</summary>
    public static AgentStatusChanged? AllConnectionsGone(Guid agentId, AgentPresence? presence, DateTimeOffset now) =>
        presence is { Status: not AgentStatus.Offline }
            ? new AgentStatusChanged(agentId, AgentStatus.Offline, presence.Status, PresenceReasons.Disconnected, now)
            : null;

    public static AgentStatusChanged? SetByAgent(Guid agentId, AgentPresence? presence, AgentStatus status, DateTimeOffset now) =>
        (presence?.Status ?? AgentStatus.Offline) == status
            ? null
            : new AgentStatusChanged(agentId, status, presence?.Status ?? AgentStatus.Offline, PresenceReasons.SetByAgent, now);
}
