using System.Text.Json;
using Chat.Domain.Routing;
using Chat.Domain.Threads;
using Chat.Tests.Support;

namespace Chat.Tests.Assignment;

[Collection(ChatAppCollection.Name)]
public sealed class StrategyTests(ChatApp app)
{
    private async Task<TestVisitor> ArrivesAsync(TestWorkspace workspace, string? group = null)
    {
        var visitor = await workspace.NewVisitorAsync(group: group);
        await app.SettledAsync(() => visitor.SendAsync("Hello"));
        return visitor;
    }

    [Fact]
    public async Task Round_robin_gives_each_chat_to_whoever_got_one_longest_ago()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent, workspace.OtherAgent);

        var first = await app.RoutedAsync(workspace, await ArrivesAsync(workspace));
        var second = await app.RoutedAsync(workspace, await ArrivesAsync(workspace));
        var third = await app.RoutedAsync(workspace, await ArrivesAsync(workspace));

        new[] { first.AssigneeId, second.AssigneeId }.ShouldBe([workspace.Agent.Id, workspace.OtherAgent.Id], ignoreOrder: true);
        third.AssigneeId.ShouldBe(first.AssigneeId);
        third.Status.ShouldBe(ThreadStatus.Open);
        var decision = await app.RoutingDecisionAsync(workspace, third);
        decision.GetProperty("strategy").GetString().ShouldBe(nameof(RoutingStrategy.RoundRobin));
        var verdicts = decision.GetProperty("candidates").EnumerateArray()
            .ToDictionary(c => c.GetProperty("agentId").GetGuid(), c => c.GetProperty("verdict").GetString());
        verdicts[workspace.Supervisor.Id].ShouldBe(Verdicts.NotOnline);
        verdicts[third.AssigneeId!.Value].ShouldBe(Verdicts.Chosen);
        verdicts[workspace.Admin.Id].ShouldBe(Verdicts.NotOnline);
        verdicts.ShouldNotContainKey(workspace.Auditor.Id, "auditors take no chats");
    }

    [Fact]
    public async Task Least_loaded_gives_the_chat_to_the_agent_with_the_fewest_open_ones()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.CreateGroupAsync(workspace, "sales", RoutingStrategy.LeastLoaded);
        await app.JoinAsync(workspace, "sales", workspace.Agent, workspace.OtherAgent);
        await app.GoOnlineAsync(workspace.Agent);
        await ArrivesAsync(workspace, "sales");
        await ArrivesAsync(workspace, "sales");
        await app.GoOnlineAsync(workspace.OtherAgent);

        var next = await app.RoutedAsync(workspace, await ArrivesAsync(workspace, "sales"));

        next.AssigneeId.ShouldBe(workspace.OtherAgent.Id);
        var decision = await app.RoutingDecisionAsync(workspace, next);
        decision.GetProperty("strategy").GetString().ShouldBe(nameof(RoutingStrategy.LeastLoaded));
        decision.GetProperty("group").GetString().ShouldBe("sales");
        var busy = decision.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("agentId").GetGuid() == workspace.Agent.Id);
        busy.GetProperty("load").GetInt32().ShouldBe(2);
        busy.GetProperty("verdict").GetString().ShouldBe(Verdicts.Eligible);
    }

    [Fact]
    public async Task Sticky_routing_brings_a_returning_visitor_back_to_their_agent_and_falls_back_when_they_are_away()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.CreateGroupAsync(workspace, "vip", RoutingStrategy.Sticky, RoutingStrategy.LeastLoaded);
        await app.JoinAsync(workspace, "vip", workspace.Agent, workspace.OtherAgent);
        await app.GoOnlineAsync(workspace.Agent, workspace.OtherAgent);
        var regular = await ArrivesAsync(workspace, "vip");
        var firstAgent = (await app.RoutedAsync(workspace, regular)).AssigneeId!.Value;
        var other = firstAgent == workspace.Agent.Id ? workspace.OtherAgent : workspace.Agent;
        var mine = firstAgent == workspace.Agent.Id ? workspace.Agent : workspace.OtherAgent;
        await app.ReplyAsync(mine, regular.ConversationId, "Happy to help");
        await app.SettledAsync(() => app.CommandAsync(mine, HttpMethod.Post, $"/api/conversations/{regular.ConversationId}/close"));

        await app.SettledAsync(() => regular.SendAsync("Me again"));
        var second = await app.RoutedAsync(workspace, regular);
        second.ThreadNumber.ShouldBe(2);
        second.AssigneeId.ShouldBe(firstAgent);
        (await app.RoutingDecisionAsync(workspace, second)).GetProperty("strategy").GetString().ShouldBe(nameof(RoutingStrategy.Sticky));

        await app.SettledAsync(() => app.CommandAsync(mine, HttpMethod.Post, $"/api/conversations/{regular.ConversationId}/close"));
        await app.SettledAsync(() => app.Api().SendAsync(HttpMethod.Put, "/api/agents/me/status", new { status = "Away" }, mine.Token, 204));
        await app.SettledAsync(() => regular.SendAsync("And again"));
        var third = await app.RoutedAsync(workspace, regular);
        third.AssigneeId.ShouldBe(other.Id);
        (await app.RoutingDecisionAsync(workspace, third)).GetProperty("strategy").GetString().ShouldBe(nameof(RoutingStrategy.LeastLoaded));
    }
}
