using System.Net;
using System.Text.Json;
using Chat.Api.Identity;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.RealTime;

/// <summary>
/// Revocation reaches live sockets: what ends an agent's access (disabling, a new role, signing out, the token's own
/// expiry) closes their hub connections within seconds on every node, and the tokens concerned are refused.
/// </summary>
[Collection(LiveClusterCollection.Name)]
public sealed class RevocationTests(LiveCluster cluster)
{
    /// <summary>"Within a few seconds": a revocation is fanned out at once, and a node that missed it checks again every 5 s.</summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_disabled_agents_sockets_close_on_both_nodes_and_their_token_is_refused_at_the_api_and_the_hub()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var admin = await cluster.AddStaffAsync(workspace, "admin", Roles.Admin);
        await using var onA = await ConnectedAsync(cluster.NodeA, workspace.Agent.Token);
        await using var onB = await ConnectedAsync(cluster.NodeB, workspace.Agent.Token);
        await using var colleague = await ConnectedAsync(cluster.NodeB, workspace.OtherAgent.Token);

        await cluster.NodeA.SendAsync(HttpMethod.Delete, $"/api/agents/{workspace.Agent.Id}", admin.Token);

        await onA.Closed.WaitAsync(Promptly);
        await onB.Closed.WaitAsync(Promptly);
        foreach (var node in new[] { cluster.NodeA, cluster.NodeB })
        {
            (await node.RawGetAsync("/api/inbox", workspace.Agent.Token)).ShouldBe(401);
            await using var again = LiveClient.For(node.BaseUrl, "agent", workspace.Agent.Token);
            (await Should.ThrowAsync<HttpRequestException>(() => again.Connection.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        await colleague.Connection.InvokeAsync("Unwatch", Guid.NewGuid());
        colleague.Connection.State.ShouldBe(HubConnectionState.Connected, "only the disabled agent's connections close");
        (await cluster.NodeB.RawGetAsync("/api/inbox", workspace.OtherAgent.Token)).ShouldBe(200);
    }

    [Fact]
    public async Task Signing_out_closes_that_sessions_socket_and_refuses_its_token_but_not_the_agents_other_session()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var laptop = await cluster.NodeA.LogInAsync(workspace.Agent);
        var phone = await cluster.NodeA.LogInAsync(workspace.Agent);
        await using var onLaptop = await ConnectedAsync(cluster.NodeA, laptop.AccessToken);
        await using var onPhone = await ConnectedAsync(cluster.NodeB, phone.AccessToken);

        await cluster.NodeB.LogOutAsync(laptop.RefreshToken!);

        await onLaptop.Closed.WaitAsync(Promptly);
        (await cluster.NodeA.RawGetAsync("/api/inbox", laptop.AccessToken)).ShouldBe(401);
        (await cluster.NodeB.RawGetAsync("/api/inbox", laptop.AccessToken)).ShouldBe(401);
        await onPhone.Connection.InvokeAsync("Unwatch", Guid.NewGuid());
        onPhone.Connection.State.ShouldBe(HubConnectionState.Connected);
        onPhone.Closed.IsCompleted.ShouldBeFalse();
        (await cluster.NodeA.RawGetAsync("/api/inbox", phone.AccessToken)).ShouldBe(200);
    }

    [Fact]
    public async Task An_agent_made_auditor_loses_their_socket_and_old_token_and_their_chats_go_back_to_the_queue()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var admin = await cluster.AddStaffAsync(workspace, "admin", Roles.Admin);
        await using var agent = await ConnectedAsync(cluster.NodeB, workspace.Agent.Token);
        var visitor = await cluster.NodeA.NewVisitorAsync(workspace.Workspace);
        await cluster.NodeA.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text = "Anyone there?", clientMessageId = "m-1" });
        // Setup, not the claim: the only agent online is routed the chat.
        await Eventually.Async(async () => (await SummaryAsync(workspace, visitor.ConversationId)).Assignee == workspace.Agent.Id,
            "the chat routed to the agent", seconds: 60);

        await cluster.NodeA.SendAsync(HttpMethod.Patch, $"/api/agents/{workspace.Agent.Id}", admin.Token, new { role = Roles.Auditor });

        await agent.Closed.WaitAsync(Promptly);
        (await cluster.NodeB.RawGetAsync("/api/inbox", workspace.Agent.Token)).ShouldBe(401);
        await Eventually.Async(async () => (await SummaryAsync(workspace, visitor.ConversationId)).Assignee is null, "the chat back in the queue");
        var (_, threadId) = await SummaryAsync(workspace, visitor.ConversationId);
        var history = await cluster.NodeA.SendAsync(HttpMethod.Get, $"/api/conversations/{visitor.ConversationId}/threads/{threadId}/events?after=0",
            workspace.Auditor.Token);
        var expired = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "assignment_expired").GetProperty("data");
        (expired.GetProperty("agentId").GetGuid(), expired.GetProperty("reason").GetString())
            .ShouldBe((workspace.Agent.Id, "agent no longer works chats"));
        var queue = await cluster.NodeA.SendAsync(HttpMethod.Get, "/api/queue", workspace.Auditor.Token);
        queue.EnumerateArray().Select(p => p.GetProperty("conversationId").GetGuid()).ShouldContain(visitor.ConversationId);

        var renewed = await cluster.NodeB.LogInAsync(workspace.Agent);
        renewed.Role.ShouldBe(Roles.Auditor);
        await using var asAuditor = await ConnectedAsync(cluster.NodeB, renewed.AccessToken);
    }

    [Fact]
    public async Task A_socket_closes_when_its_access_token_expires_and_a_fresh_token_connects_again()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var (token, expiresAt) = LiveCluster.Tokens.ForAgent(workspace.Agent.Account, lifetime: TimeSpan.FromSeconds(4));
        await using var agent = await ConnectedAsync(cluster.NodeA, token);

        var closedAt = await agent.Closed.WaitAsync(TimeSpan.FromSeconds(4) + Promptly);

        // A token's expiry is stored in whole seconds, so it may fall up to a second before the time it was issued for.
        closedAt.ShouldBeGreaterThanOrEqualTo(expiresAt.AddSeconds(-1));
        closedAt.ShouldBeLessThan(expiresAt.AddSeconds(3), "closed by the server at its expiry");
        var (fresh, _) = LiveCluster.Tokens.ForAgent(workspace.Agent.Account);
        await using var again = await ConnectedAsync(cluster.NodeA, fresh);
    }

    /// <summary>A connection whose connect handler has run: a hub answers calls only after it.</summary>
    private static async Task<LiveClient> ConnectedAsync(ApiNode node, string token)
    {
        var client = await LiveClient.ConnectAsync(node.BaseUrl, "agent", token);
        await client.Connection.InvokeAsync("Unwatch", Guid.NewGuid());
        return client;
    }

    private async Task<(Guid? Assignee, Guid ThreadId)> SummaryAsync(LiveWorkspace workspace, Guid conversationId)
    {
        var summary = (await cluster.NodeA.SendAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", workspace.Auditor.Token))
            .GetProperty("summary");
        var assignee = summary.GetProperty("assigneeId");
        return (assignee.ValueKind == JsonValueKind.Null ? null : assignee.GetGuid(), summary.GetProperty("threadId").GetGuid());
    }
}
