using Chat.Domain.Routing;
using Marten.Schema;

namespace Chat.Api.Catalog;

/// <summary>An agent of a workspace as routing knows them: how many chats at once, and in which groups.</summary>
/// <remarks>
/// Versioned: changes read it and write it back, so one that crossed another fails and runs again on fresh state
/// instead of silently undoing the other.
/// </remarks>
[UseOptimisticConcurrency]
public sealed record AgentProfile(Guid Id, string Email, string DisplayName, string Role, int MaxConcurrentChats,
    IReadOnlyList<string> Groups, bool Deleted, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt);

/// <summary>A department: who is in it comes from the agents' profiles; how it hands out chats is its strategy.</summary>
/// <remarks>Versioned like <see cref="AgentProfile"/>.</remarks>
[UseOptimisticConcurrency]
public sealed record RoutingGroup(string Id, string Name, RoutingStrategy Strategy, RoutingStrategy Fallback, bool IsDefault,
    bool Deleted, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt);

public static class DefaultGroup
{
    public const string Id = "default";

    public static RoutingGroup Create(DateTimeOffset now) =>
        new(Id, "Default", RoutingStrategy.RoundRobin, RoutingStrategy.RoundRobin, true, false, now, null);
}
