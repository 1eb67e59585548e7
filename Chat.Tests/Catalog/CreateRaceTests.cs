using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.Workspaces;
using Chat.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Catalog;

/// <summary>Creations are inserts: of the same thing created at once, exactly one is made and the others hear 409.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class CreateRaceTests(ChatApp app)
{
    private const int AtOnce = 8;

    [Fact]
    public async Task Agents_created_at_once_with_one_email_make_one_agent()
    {
        var workspace = await app.NewWorkspaceAsync();
        var email = $"race-{Guid.NewGuid():N}@{workspace.Id}.test";

        var answers = await Answers.AllAtOnceAsync(AtOnce, i => app.PostAnyAsync("/api/agents",
            new { email, displayName = $"Racer {i}", password = $"{TestAgent.Password} {i}" }, workspace.Admin.Token));

        var winner = answers.Single(a => a.Status == 201).Read<AgentProfile>();
        foreach (var loser in answers.Where(a => a.Status != 201))
            loser.ShouldBeProblem(409).Detail.ShouldBe("An account with this email exists already in this workspace.");
        var agents = await app.Api().GetAsync<List<AgentProfile>>("/api/agents", workspace.Admin.Token);
        var stored = agents.Where(a => a.Email == email).ShouldHaveSingleItem();
        (stored.Id, stored.DisplayName).ShouldBe((winner.Id, winner.DisplayName));
        await using var session = app.Store.QuerySession();
        var account = (await session.Query<AgentAccount>().Where(a => a.Email == email).ToListAsync()).ShouldHaveSingleItem();
        account.Id.ShouldBe(winner.Id);
        account.DisplayName.ShouldBe(winner.DisplayName);
        // The winner's password is the one stored.
        var index = winner.DisplayName.Split(' ')[1];
        (await app.PostAnyAsync("/api/auth/login", new { email, password = $"{TestAgent.Password} {index}" }, null)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Groups_created_at_once_with_one_id_make_one_group()
    {
        var workspace = await app.NewWorkspaceAsync();

        var answers = await Answers.AllAtOnceAsync(AtOnce, i => app.PostAnyAsync("/api/groups",
            new { id = "billing", name = $"Billing {i}", strategy = i % 2 == 0 ? "LeastLoaded" : "RoundRobin" }, workspace.Supervisor.Token));

        var winner = answers.Single(a => a.Status == 201).Read<RoutingGroup>();
        foreach (var loser in answers.Where(a => a.Status != 201)) loser.ShouldBeProblem(409).Detail.ShouldBe("Group 'billing' exists already.");
        var groups = await app.Api().GetAsync<List<RoutingGroup>>("/api/groups", workspace.Admin.Token);
        groups.Single(g => g.Id == "billing").ShouldBe(winner);
    }

    [Fact]
    public async Task Changes_to_one_agent_at_once_undo_none_of_each_other()
    {
        var workspace = await app.NewWorkspaceAsync();
        var groups = Enumerable.Range(0, AtOnce).Select(i => $"team-{i}").ToList();
        foreach (var group in groups) await app.Api().PostAsync<RoutingGroup>("/api/groups", new { id = group, name = group }, workspace.Admin.Token, 201);

        var answers = await Task.WhenAll(groups.Select(group => Task.Run(() =>
            app.Api().PutAsync<AgentProfile>($"/api/groups/{group}/members/{workspace.Agent.Id}", null, workspace.Admin.Token))));

        answers.ShouldAllBe(a => a.Id == workspace.Agent.Id);
        var agent = await app.Api().GetAsync<AgentProfile>($"/api/agents/{workspace.Agent.Id}", workspace.Admin.Token);
        agent.Groups.Order().ShouldBe(groups.Append(DefaultGroup.Id).Order());
    }

    [Fact]
    public async Task A_refresh_token_used_at_once_works_once()
    {
        var workspace = await app.NewWorkspaceAsync();
        var pair = await app.Api().PostAsync<TokenPair>("/api/auth/login",
            new { email = workspace.Agent.Account.Email, password = TestAgent.Password }, null);

        var answers = await Answers.AllAtOnceAsync(AtOnce, _ => app.PostAnyAsync("/api/auth/refresh", new { refreshToken = pair.RefreshToken }, null));

        var renewed = answers.Single(a => a.Status == 200).Read<TokenPair>();
        foreach (var loser in answers.Where(a => a.Status != 200)) loser.ShouldBeProblem(409);
        (await app.PostAnyAsync("/api/auth/refresh", new { refreshToken = renewed.RefreshToken }, null)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Nodes_starting_together_on_an_empty_database_make_one_demo_workspace()
    {
        var demo = new DemoOptions { WorkspaceId = $"demo-{Guid.NewGuid():N}"[..20], AdminEmail = "admin@demo.test", AdminPassword = TestAgent.Password };
        var options = Options.Create(new ChatOptions { Demo = demo });
        var hasher = app.Host.Services.GetRequiredService<PasswordHasher<AgentAccount>>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new DemoWorkspace(app.Store, options, hasher, TimeProvider.System).StartAsync(CancellationToken.None))));

        await using var session = app.Store.QuerySession(demo.WorkspaceId);
        (await session.LoadAsync<Workspace>(demo.WorkspaceId)).ShouldNotBeNull();
        (await session.Query<AgentAccount>().Where(a => a.WorkspaceId == demo.WorkspaceId).ToListAsync()).ShouldHaveSingleItem();
        (await session.Query<AgentProfile>().ToListAsync()).ShouldHaveSingleItem();
        (await session.Query<RoutingGroup>().ToListAsync()).ShouldHaveSingleItem().Id.ShouldBe(DefaultGroup.Id);
    }
}
