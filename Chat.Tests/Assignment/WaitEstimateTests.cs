using Chat.Domain.Agents;
using Chat.Domain.Routing;

namespace Chat.Tests.Assignment;

public sealed class WaitEstimateTests
{
    private const int Handle = 300;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly GroupRouting Default = new("default", RoutingStrategy.RoundRobin, RoutingStrategy.RoundRobin);

    private static AgentSeat Seat(string group = "default", AgentStatus status = AgentStatus.Online, bool connected = true, int limit = 3) =>
        new(Guid.NewGuid(), status, connected, 0, limit, new HashSet<string> { group }, null);

    private static WaitingThread Waiting(string group = "default") => new(Guid.NewGuid(), Guid.NewGuid(), group, Now, null, new HashSet<Guid>());

    private static GroupRouting Known(string id) => id is "default" or "sales" ? Default with { Id = id } : Default;

    [Fact]
    public void Each_full_round_of_the_agents_who_could_serve_adds_one_handling_time()
    {
        var queue = Enumerable.Range(0, 5).Select(_ => Waiting()).ToList();

        var places = WaitEstimate.Places(queue, [Seat(), Seat()], Known, Handle);

        places.Select(p => p.Position).ShouldBe([1, 2, 3, 4, 5]);
        places.Select(p => p.EstimatedWaitSeconds).ShouldBe([300, 300, 600, 600, 900]);
        places.Select(p => p.ThreadId).ShouldBe(queue.Select(t => t.ThreadId), "the queue's order is kept");
    }

    [Fact]
    public void Agents_who_cannot_serve_the_group_do_not_shorten_its_wait()
    {
        var agents = new[]
        {
            Seat(), Seat(status: AgentStatus.Away), Seat(connected: false), Seat(limit: 0), Seat(group: "sales"),
        };

        var places = WaitEstimate.Places([Waiting(), Waiting()], agents, Known, Handle);

        places.Select(p => p.EstimatedWaitSeconds).ShouldBe([300, 600]);
    }

    [Fact]
    public void A_group_nobody_serves_still_gets_an_estimate_as_if_one_agent_did()
    {
        var places = WaitEstimate.Places([Waiting("sales"), Waiting("sales")], [Seat()], Known, Handle);

        places.Select(p => (p.Group, p.Position, p.EstimatedWaitSeconds)).ShouldBe([("sales", 1, 300), ("sales", 2, 600)]);
    }

    [Fact]
    public void Each_group_has_its_own_line_and_an_unknown_group_queues_in_the_default_one()
    {
        var sales = Waiting("sales");
        var unknown = Waiting("gone");
        var first = Waiting();

        var places = WaitEstimate.Places([first, sales, unknown], [Seat(), Seat("sales")], Known, Handle);

        places.Single(p => p.ThreadId == sales.ThreadId).Position.ShouldBe(1);
        places.Single(p => p.ThreadId == first.ThreadId).ShouldBe(new QueuePlace(first.ConversationId, first.ThreadId, "default", 1, 300));
        places.Single(p => p.ThreadId == unknown.ThreadId).ShouldBe(new QueuePlace(unknown.ConversationId, unknown.ThreadId, "default", 2, 600));
    }
}
