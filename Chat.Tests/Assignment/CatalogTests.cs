using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Domain.Routing;
using Chat.Tests.Support;

namespace Chat.Tests.Assignment;

[Collection(ChatAppCollection.Name)]
public sealed class CatalogTests(ChatApp app)
{
    [Fact]
    public async Task Supervisors_create_update_delete_and_restore_agents()
    {
        var workspace = await app.NewWorkspaceAsync();
        var email = $"new-{Guid.NewGuid():N}@{workspace.Id}.test";

        var created = await app.Api().PostAsync<AgentProfile>("/api/agents",
            new { email, displayName = "New Agent", password = TestAgent.Password, maxConcurrentChats = 4 }, workspace.Supervisor.Token, 201);
        created.Role.ShouldBe(Roles.Agent);
        created.Groups.ShouldBe([DefaultGroup.Id]);
        await app.Api().PostAsync<TokenPair>("/api/auth/login", new { email, password = TestAgent.Password }, null);

        var updated = await SendAsync<AgentProfile>(HttpMethod.Patch, $"/api/agents/{created.Id}",
            new { displayName = "Renamed", maxConcurrentChats = 6 }, workspace.Supervisor);
        updated.DisplayName.ShouldBe("Renamed");
        updated.MaxConcurrentChats.ShouldBe(6);

        var deleted = await SendAsync<AgentProfile>(HttpMethod.Delete, $"/api/agents/{created.Id}", null, workspace.Admin);
        deleted.Deleted.ShouldBeTrue();
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/auth/login", new { email, password = TestAgent.Password }, null, 401);
        (await app.Api().GetAsync<List<AgentProfile>>("/api/agents", workspace.Admin.Token)).ShouldNotContain(a => a.Id == created.Id);
        (await app.Api().GetAsync<List<AgentProfile>>("/api/agents?includeDeleted=true", workspace.Admin.Token)).ShouldContain(a => a.Id == created.Id);

        var restored = await app.Api().PostAsync<AgentProfile>($"/api/agents/{created.Id}/restore", new { }, workspace.Admin.Token);
        restored.Deleted.ShouldBeFalse();
        await app.Api().PostAsync<TokenPair>("/api/auth/login", new { email, password = TestAgent.Password }, null);
    }

    [Fact]
    public async Task Groups_are_managed_with_their_strategy_and_members()
    {
        var workspace = await app.NewWorkspaceAsync();

        var group = await app.Api().PostAsync<RoutingGroup>("/api/groups",
            new { id = "Sales", name = "Sales", strategy = "Sticky", fallback = "LeastLoaded" }, workspace.Supervisor.Token, 201);
        group.Id.ShouldBe("sales");
        var member = await app.Api().PutAsync<AgentProfile>($"/api/groups/sales/members/{workspace.Agent.Id}", null, workspace.Supervisor.Token);
        member.Groups.ShouldBe([DefaultGroup.Id, "sales"]);
        var changed = await SendAsync<RoutingGroup>(HttpMethod.Patch, "/api/groups/sales", new { strategy = "RoundRobin" }, workspace.Supervisor);
        changed.Strategy.ShouldBe(RoutingStrategy.RoundRobin);
        await SendAsync<AgentProfile>(HttpMethod.Delete, $"/api/groups/sales/members/{workspace.Agent.Id}", null, workspace.Supervisor);

        (await SendAsync<RoutingGroup>(HttpMethod.Delete, "/api/groups/sales", null, workspace.Admin)).Deleted.ShouldBeTrue();
        (await app.Api().GetAsync<List<RoutingGroup>>("/api/groups", workspace.Admin.Token)).Select(g => g.Id).ShouldBe([DefaultGroup.Id]);
        (await app.Api().PostAsync<RoutingGroup>("/api/groups/sales/restore", new { }, workspace.Admin.Token)).Deleted.ShouldBeFalse();
    }

    [Fact]
    public async Task Bad_catalog_requests_are_refused_and_change_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var agents = "/api/agents";

        await app.Api().RefusedAsync(HttpMethod.Get, agents, null, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/groups", new { id = "x", name = "x" }, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Post, agents, new { email = "nope", displayName = "x", password = TestAgent.Password }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, agents, new { email = "a@b.c", displayName = "x", password = "short" }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, agents,
            new { email = "a@b.c", displayName = "x", password = TestAgent.Password, maxConcurrentChats = 99 }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, agents,
            new { email = "a@b.c", displayName = "x", password = TestAgent.Password, groups = new[] { "ghosts" } }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, agents,
            new { email = workspace.Agent.Account.Email, displayName = "x", password = TestAgent.Password }, workspace.Admin.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Post, agents,
            new { email = "boss@b.c", displayName = "x", password = TestAgent.Password, role = Roles.Admin }, workspace.Supervisor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{agents}/{Guid.NewGuid()}", new { displayName = "x" }, workspace.Admin.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Delete, $"{agents}/{workspace.Admin.Id}", null, workspace.Admin.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/groups", new { id = "default", name = "again" }, workspace.Admin.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/groups", new { id = "vip", name = "VIP", strategy = "Sticky", fallback = "Sticky" }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Delete, "/api/groups/default", null, workspace.Admin.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Put, $"/api/groups/none/members/{workspace.Agent.Id}", null, workspace.Admin.Token, 404);

        var other = await app.NewWorkspaceAsync();
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{agents}/{workspace.Agent.Id}", new { displayName = "x" }, other.Admin.Token, 404);
        (await app.Api().GetAsync<List<AgentProfile>>(agents, workspace.Admin.Token)).Count.ShouldBe(5);
        (await app.Api().GetAsync<List<RoutingGroup>>("/api/groups", workspace.Admin.Token)).Count.ShouldBe(1);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string url, object? body, TestAgent who) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(await app.Api().SendAsync(method, url, body, who.Token, 200), Chat.Tests.Support.Api.Json)!;
}
