using System.Diagnostics;
using System.Text.Json;
using Chat.Api.Agents;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Tests.Support;
using Marten;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Chat.Tests.RealTime;

/// <summary>A node that dies runs no disconnect: its connections must still go, and its agents with them.</summary>
[Collection(LiveClusterCollection.Name)]
public sealed class NodeCrashTests(LiveCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_whose_only_node_was_killed_goes_offline_within_a_minute_and_the_next_chat_goes_to_someone_else()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var survivor = cluster.NodeA;
        await using var colleague = await LiveClient.ConnectAsync(survivor.BaseUrl, "agent", workspace.OtherAgent.Token);
        await colleague.Connection.InvokeAsync("SetStatus", "Away");
        await using var doomed = await cluster.StartNodeAsync();
        await using var agent = await LiveClient.ConnectAsync(doomed.BaseUrl, "agent", workspace.Agent.Token);
        var first = await VisitorWritesAsync(survivor, workspace.Workspace);
        // Setup, not the claim: a node just started on a busy machine may take a while to route.
        await Eventually.Async(async () => await AssigneeAsync(survivor, workspace, first) == workspace.Agent.Id, "the first chat routed to the agent",
            seconds: 60);

        await doomed.KillAsync();
        var killed = Stopwatch.StartNew();

        await Eventually.Async(async () => await StatusAsync(survivor, workspace, workspace.Agent) == "Offline", "the agent offline", seconds: 60);
        killed.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(1));
        output.WriteLine($"Offline {killed.Elapsed.TotalSeconds:F1} s after the kill");
        await Eventually.Async(async () => await AssigneeAsync(survivor, workspace, first) is null, "the agent's chat back in the queue");
        var next = await VisitorWritesAsync(survivor, workspace.Workspace);
        await Eventually.Async(async () => (await QueuedAsync(survivor, workspace)).IsSupersetOf([first, next]), "both chats waiting");
        (await AssigneeAsync(survivor, workspace, next)).ShouldBeNull();

        await colleague.Connection.InvokeAsync("SetStatus", "Online");
        await Eventually.Async(async () => await AssigneeAsync(survivor, workspace, next) == workspace.OtherAgent.Id
            && await AssigneeAsync(survivor, workspace, first) == workspace.OtherAgent.Id, "both chats with the colleague");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task When_the_only_node_restarts_the_connections_of_its_old_run_are_dropped(bool killed)
    {
        var connectionString = await TestDatabase.OtherAsync(TestDatabase.Beside("_node_restart"), maxPoolSize: 20);
        using var store = DocumentStore.For(options => options.ConfigureChatStore(connectionString));
        var environment = LiveCluster.NodeEnvironment(connectionString);
        var before = await ApiNode.StartAsync(environment);
        var (workspace, staff) = await WorkspaceSeed.CreateAsync(store, LiveCluster.Tokens, "restart", ("agent", Roles.Agent), ("auditor", Roles.Auditor));
        var live = new LiveWorkspace(workspace, staff["agent"], staff["agent"], staff["auditor"]);
        await using (var agent = await LiveClient.ConnectAsync(before.BaseUrl, "agent", live.Agent.Token))
        {
            await Eventually.Async(async () => await StatusAsync(before, live, live.Agent) == "Online", "the agent online");
            if (killed) await before.KillAsync();
            else await before.StopAsync();
        }
        await before.DisposeAsync();

        var gone = Stopwatch.StartNew();
        await using var after = await ApiNode.StartAsync(environment);
        await Eventually.Async(async () => await StatusAsync(after, live, live.Agent) == "Offline", "the agent offline after the restart", seconds: 60);
        output.WriteLine($"Offline {gone.Elapsed.TotalSeconds:F1} s after the node went, restart included");
        await using var session = store.QuerySession(workspace.Id);
        (await session.Query<AgentConnection>().Where(c => c.AgentId == live.Agent.Id).CountAsync()).ShouldBe(0);
        var waiting = await VisitorWritesAsync(after, workspace);
        await Eventually.Async(async () => (await QueuedAsync(after, live)).Contains(waiting), "the chat waiting");
        (await AssigneeAsync(after, live, waiting)).ShouldBeNull();
    }

    private static async Task<Guid> VisitorWritesAsync(ApiNode node, Workspace workspace)
    {
        var visitor = await node.NewVisitorAsync(workspace);
        await node.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text = "Anyone there?", clientMessageId = "m-1" });
        return visitor.ConversationId;
    }

    private static async Task<Guid?> AssigneeAsync(ApiNode node, LiveWorkspace workspace, Guid conversationId)
    {
        var detail = await node.SendAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", workspace.Auditor.Token);
        var assignee = detail.GetProperty("summary").GetProperty("assigneeId");
        return assignee.ValueKind == JsonValueKind.Null ? null : assignee.GetGuid();
    }

    private static async Task<string?> StatusAsync(ApiNode node, LiveWorkspace workspace, TestAgent agent)
    {
        var presence = await node.SendAsync(HttpMethod.Get, "/api/agents/presence", workspace.Auditor.Token);
        return presence.EnumerateArray().Where(p => p.GetProperty("id").GetGuid() == agent.Id).Select(p => p.GetProperty("status").GetString()).SingleOrDefault();
    }

    private static async Task<HashSet<Guid>> QueuedAsync(ApiNode node, LiveWorkspace workspace)
    {
        var queue = await node.SendAsync(HttpMethod.Get, "/api/queue", workspace.Auditor.Token);
        return [.. queue.EnumerateArray().Select(p => p.GetProperty("conversationId").GetGuid())];
    }
}
