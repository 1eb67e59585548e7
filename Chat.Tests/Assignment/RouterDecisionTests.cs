using Chat.Domain.Agents;
using Chat.Domain.Routing;

namespace Chat.Tests.Assignment;

public sealed class RouterDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly GroupRouting RoundRobin = new("default", RoutingStrategy.RoundRobin, RoutingStrategy.RoundRobin);

    private static AgentSeat Seat(int load = 0, int limit = 3, AgentStatus status = AgentStatus.Online, DateTimeOffset? last = null,
        bool connected = true) =>
        new(Guid.NewGuid(), status, connected, load, limit, new HashSet<string> { "default" }, last);

    private static WaitingThread Waiting(int minute, Guid? previous = null, params Guid[] skipped) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "default", Now.AddMinutes(minute), previous, skipped.ToHashSet());

    [Fact]
    public void No_decision_takes_an_agent_past_their_limit()
    {
        var agents = new[] { Seat(limit: 2), Seat(limit: 1) };
        var queue = Enumerable.Range(0, 10).Select(i => Waiting(i)).ToList();

        var choices = RouterDecision.Decide(queue, agents, _ => RoundRobin, Now);

        choices.Count.ShouldBe(3);
        choices.Select(c => c.Thread).ShouldBe(queue.Take(3), "the oldest are served first");
        choices.GroupBy(c => c.AgentId).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(new Dictionary<Guid, int> { [agents[0].AgentId] = 2, [agents[1].AgentId] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public void Offline_away_unconnected_full_foreign_and_skipped_agents_are_not_eligible_and_each_verdict_says_why()
    {
        var skipped = Seat();
        var agents = new[]
        {
            Seat(status: AgentStatus.Away), Seat(connected: false), Seat(load: 3), Seat() with { Groups = new HashSet<string> { "sales" } }, skipped,
        };

        var choices = RouterDecision.Decide([Waiting(0, null, skipped.AgentId)], agents, _ => RoundRobin, Now);

        choices.ShouldBeEmpty();
        var explained = RouterDecision.Decide([Waiting(0)], [.. agents, Seat()], _ => RoundRobin, Now).Single().Candidates
            .Select(c => c.Verdict).Order().ToList();
        explained.ShouldBe(new[] { Verdicts.AtLimit, Verdicts.Chosen, Verdicts.Eligible, Verdicts.NotConnected, Verdicts.NotInGroup, Verdicts.NotOnline }
            .Order().ToList());
    }

    [Fact]
    public void Round_robin_takes_turns_and_least_loaded_prefers_the_idle()
    {
        var earlier = Seat(load: 2, last: Now.AddMinutes(-10));
        var later = Seat(load: 0, last: Now.AddMinutes(-1));

        RouterDecision.Decide([Waiting(0)], [earlier, later], _ => RoundRobin, Now).Single().AgentId.ShouldBe(earlier.AgentId);
        RouterDecision.Decide([Waiting(0)], [earlier, later], _ => RoundRobin with { Strategy = RoutingStrategy.LeastLoaded }, Now)
            .Single().AgentId.ShouldBe(later.AgentId);
        RouterDecision.Decide([Waiting(0), Waiting(1)], [earlier, later], _ => RoundRobin, Now)
            .Select(c => c.AgentId).ShouldBe([earlier.AgentId, later.AgentId]);
    }

    [Fact]
    public void Sticky_prefers_the_previous_agent_and_falls_back_when_they_are_not_free()
    {
        var previous = Seat(load: 2);
        var idle = Seat();
        var sticky = new GroupRouting("default", RoutingStrategy.Sticky, RoutingStrategy.LeastLoaded);

        var kept = RouterDecision.Decide([Waiting(0, previous.AgentId)], [previous, idle], _ => sticky, Now).Single();
        kept.AgentId.ShouldBe(previous.AgentId);
        kept.Strategy.ShouldBe(RoutingStrategy.Sticky);

        var fallback = RouterDecision.Decide([Waiting(0, previous.AgentId)], [previous with { Load = 3 }, idle], _ => sticky, Now).Single();
        fallback.AgentId.ShouldBe(idle.AgentId);
        fallback.Strategy.ShouldBe(RoutingStrategy.LeastLoaded);
    }
}
