using Chat.Domain.Agents;

namespace Chat.Domain.Routing;

public enum RoutingStrategy { RoundRobin, LeastLoaded, Sticky }

/// <summary>How a group hands out its chats; sticky falls back to another strategy when the previous agent is not free.</summary>
public sealed record GroupRouting(string Id, RoutingStrategy Strategy, RoutingStrategy Fallback);

/// <summary>An agent as the router sees them at the moment of a decision.</summary>
/// <param name="Connected">Whether the agent holds a connection on a living node: an "online" agent without one is not there.</param>
public sealed record AgentSeat(Guid AgentId, AgentStatus Status, bool Connected, int Load, int Limit, IReadOnlySet<string> Groups,
    DateTimeOffset? LastRoutedAt);

/// <summary>A thread waiting for an agent, oldest first in the queue.</summary>
public sealed record WaitingThread(Guid ConversationId, Guid ThreadId, string Group, DateTimeOffset QueuedAt,
    Guid? PreviousAgentId, IReadOnlySet<Guid> Skipped);

/// <summary>One candidate of a routing decision and the router's verdict on them.</summary>
public sealed record RoutingCandidate(Guid AgentId, AgentStatus Status, int Load, int Limit, string Verdict);

public sealed record RoutingChoice(WaitingThread Thread, Guid AgentId, RoutingStrategy Strategy, IReadOnlyList<RoutingCandidate> Candidates);

public static class Verdicts
{
    public const string Chosen = "chosen";
    public const string Eligible = "eligible";
    public const string NotInGroup = "not in group";
    public const string NotOnline = "not online";
    public const string NotConnected = "not connected";
    public const string AtLimit = "at limit";
    public const string Skipped = "skipped: did not answer";
}
