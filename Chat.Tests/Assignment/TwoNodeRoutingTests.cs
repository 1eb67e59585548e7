using Chat.Domain.Threads;
using Chat.Projections.Inbox;
using Chat.Tests.Support;
using Marten;
using Wolverine;
using Wolverine.Tracking;

namespace Chat.Tests.Assignment;

/// <summary>Two nodes route one workspace at the same time: the router saga's version lets only one decision through.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class TwoNodeRoutingTests
{
    [Fact]
    public async Task The_saga_under_two_nodes_never_over_assigns()
    {
        var database = await TestDatabase.OtherAsync(TestDatabase.Beside("_routers"));
        // No answer deadline comes due while a busy machine runs the test: the agents here never answer, and a release
        // would keep the routers busy past the tracked sessions' wait.
        await using var nodeA = await ChatApp.StartAsync(database, o => o.Routing.AnswerTimeoutSeconds = 3600);
        await using var nodeB = await ChatApp.StartAsync(database, o => o.Routing.AnswerTimeoutSeconds = 3600);
        var workspace = await nodeA.NewWorkspaceAsync();
        var onB = workspace.On(nodeB);
        var limits = new Dictionary<Guid, int> { [workspace.Agent.Id] = 1, [workspace.OtherAgent.Id] = 2, [workspace.Supervisor.Id] = 2 };
        foreach (var (agent, limit) in new[] { (workspace.Agent, 1), (workspace.OtherAgent, 2), (workspace.Supervisor, 2) })
            await nodeA.SetLimitAsync(workspace, agent, limit);
        // Each agent's dashboard is open on one node or the other.
        await nodeA.GoOnlineAsync(workspace.Agent, workspace.Supervisor);
        await nodeB.GoOnlineAsync(onB.OtherAgent);
        var nodes = new[] { nodeA, nodeB };

        // Thirty chats arrive at once, half through each node: each node's routing queue runs for the same workspace.
        var visitors = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => workspace.NewVisitorAsync($"Visitor {i}")));
        await BothSettledAsync(nodeA, nodeB, () => Task.WhenAll(visitors.Select((v, i) =>
            nodes[i % 2].Api().PostAsync<Chat.Api.Conversations.SentMessage>("/api/visitor/messages",
                new { text = "Hello?", clientMessageId = Guid.NewGuid().ToString() }, v.Token, 201))));
        await AllSeatsTakenAsync(nodeA, workspace.Id, limits, open: 30);

        // Then every agent closes what they hold, through both nodes at once, twice over: each close frees a seat that
        // both nodes' routers see free at the same moment.
        for (var round = 0; round < 2; round++)
        {
            var held = await HeldAsync(nodeA, workspace.Id);
            var agents = new[] { workspace.Agent, workspace.OtherAgent, workspace.Supervisor }.ToDictionary(a => a.Id);
            await BothSettledAsync(nodeA, nodeB, () => Task.WhenAll(held.Select((item, i) =>
                nodes[i % 2].CommandAsync(agents[item.AssigneeId!.Value], HttpMethod.Post, $"/api/conversations/{item.Id}/close",
                    new { reason = "done" }))));
            await AllSeatsTakenAsync(nodeA, workspace.Id, limits, open: 30 - 5 * (round + 1));
        }

        await NeverPastAnyLimitAsync(nodeA, workspace.Id, limits);
    }

    private static Task<ITrackedSession> BothSettledAsync(ChatApp a, ChatApp b, Func<Task> act) =>
        a.Host.TrackActivity().AlsoTrack(b.Host).Timeout(TimeSpan.FromSeconds(120)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((IMessageContext _) => act());

    private static async Task<List<InboxItem>> HeldAsync(ChatApp app, string workspaceId)
    {
        await using var session = app.Store.QuerySession(workspaceId);
        return [.. await session.Query<InboxItem>().Where(i => i.AssigneeId != null && i.Status != ThreadStatus.Closed).ToListAsync()];
    }

    /// <summary>
    /// Every seat ends up taken while chats wait, and nobody holds more than their limit. A run that lost a clash may
    /// run again a moment after the tracked messages settled, hence the wait.
    /// </summary>
    private static async Task AllSeatsTakenAsync(ChatApp app, string workspaceId, IReadOnlyDictionary<Guid, int> limits, int open)
    {
        var seats = Math.Min(limits.Values.Sum(), open);
        var held = await Eventually.Async(() => HeldAsync(app, workspaceId), h => h.Count >= seats, TimeSpan.FromSeconds(30));
        held.Count.ShouldBe(seats);
        foreach (var (agent, limit) in limits) held.Count(i => i.AssigneeId == agent).ShouldBe(limit);
    }

    /// <summary>Replays the workspace's history in stored order: no agent ever held more open threads than their limit.</summary>
    private static async Task NeverPastAnyLimitAsync(ChatApp app, string workspaceId, IReadOnlyDictionary<Guid, int> limits)
    {
        await using var session = app.Store.QuerySession(workspaceId);
        var history = await session.Events.QueryAllRawEvents().Where(e => e.TenantId == workspaceId).OrderBy(e => e.Sequence).ToListAsync();
        var holder = new Dictionary<Guid, Guid>();
        var load = limits.Keys.ToDictionary(a => a, _ => 0);
        var assignments = 0;
        foreach (var data in history.Select(e => e.Data))
        {
            switch (data)
            {
                case ThreadAssigned a:
                    if (holder.Remove(a.ThreadId, out var before)) load[before]--;
                    holder[a.ThreadId] = a.AgentId;
                    load[a.AgentId]++;
                    assignments++;
                    load[a.AgentId].ShouldBeLessThanOrEqualTo(limits[a.AgentId], $"agent {a.AgentId} after thread {a.ThreadId} was assigned");
                    break;
                case ThreadClosed or ThreadUnassigned or AssignmentExpired when holder.Remove(((IThreadEvent)data).ThreadId, out var agent):
                    load[agent]--;
                    break;
            }
        }
        assignments.ShouldBe(15, "five seats, filled three times over");
    }
}
