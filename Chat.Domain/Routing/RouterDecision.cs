using Chat.Domain.Agents;

namespace Chat.Domain.Routing;

/// <summary>
/// The router's pure decision: walk the queue oldest first and give each thread to an eligible agent of
/// its group (online with a live connection, under their limit, not skipped for it) by the group's strategy. Every choice counts
/// against the agent at once, so one decision never pushes anyone past their limit.
/// </summary>
public static class RouterDecision
{
    /// <param name="queue">The waiting threads, oldest first: the order they are served in.</param>
    public static IReadOnlyList<RoutingChoice> Decide(IReadOnlyList<WaitingThread> queue, IReadOnlyList<AgentSeat> agents,
        Func<string, GroupRouting> groupOf, DateTimeOffset now)
    {
        var seats = agents.ToDictionary(a => a.AgentId);
        var choices = new List<RoutingChoice>();
        foreach (var thread in queue)
        {
            var group = groupOf(thread.Group);
            var candidates = seats.Values.OrderBy(a => a.AgentId).Select(a => Judge(a, thread, group.Id)).ToList();
            var eligible = candidates.Where(c => c.Verdict == Verdicts.Eligible).Select(c => seats[c.AgentId]).ToList();
            if (eligible.Count == 0) continue;

            var (chosen, strategy) = Choose(eligible, thread, group);
            choices.Add(new RoutingChoice(thread, chosen.AgentId, strategy,
                [.. candidates.Select(c => c.AgentId == chosen.AgentId ? c with { Verdict = Verdicts.Chosen } : c)]));
            seats[chosen.AgentId] = chosen with { Load = chosen.Load + 1, LastRoutedAt = now };
        }
        return choices;
    }

    private static RoutingCandidate Judge(AgentSeat agent, WaitingThread thread, string group) => new(agent.AgentId, agent.Status,
        agent.Load, agent.Limit,
        !agent.Groups.Contains(group) ? Verdicts.NotInGroup
        : agent.Status != AgentStatus.Online ? Verdicts.NotOnline
        : !agent.Connected ? Verdicts.NotConnected
        : agent.Load >= agent.Limit ? Verdicts.AtLimit
        : thread.Skipped.Contains(agent.AgentId) ? Verdicts.Skipped
        : Verdicts.Eligible);

    private static (AgentSeat, RoutingStrategy) Choose(IReadOnlyList<AgentSeat> eligible, WaitingThread thread, GroupRouting group) =>
        group.Strategy switch
        {
            RoutingStrategy.Sticky when eligible.FirstOrDefault(a => a.AgentId == thread.PreviousAgentId) is { } previous =>
                (previous, RoutingStrategy.Sticky),
            RoutingStrategy.Sticky => (ByStrategy(eligible, group.Fallback), group.Fallback),
            var strategy => (ByStrategy(eligible, strategy), strategy),
        };

    private static AgentSeat ByStrategy(IReadOnlyList<AgentSeat> eligible, RoutingStrategy strategy) => strategy switch
    {
        RoutingStrategy.LeastLoaded => eligible.OrderBy(a => a.Load).ThenBy(a => a.LastRoutedAt ?? DateTimeOffset.MinValue).ThenBy(a => a.AgentId).First(),
        // Round robin: whoever was given a chat longest ago goes next.
        _ => eligible.OrderBy(a => a.LastRoutedAt ?? DateTimeOffset.MinValue).ThenBy(a => a.AgentId).First(),
    };
}
