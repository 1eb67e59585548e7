using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Tests.Support;

namespace Chat.Tests.Catalog;

/// <summary>Supervisors manage agents; the admins above them are changed in role or removed by admins alone.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class AdminProtectionTests(ChatApp app)
{
    [Fact]
    public async Task A_supervisor_can_neither_demote_nor_delete_an_admin_and_the_admin_stays_as_they_were()
    {
        var workspace = await app.NewWorkspaceAsync();
        var admin = workspace.Admin;

        var demotion = await app.Api().RefusedAsync(HttpMethod.Patch, $"/api/agents/{admin.Id}", new { role = Roles.Agent },
            workspace.Supervisor.Token, 403);
        demotion.Detail.ShouldBe("Only admins change an admin's role or delete an admin.");
        await app.Api().RefusedAsync(HttpMethod.Delete, $"/api/agents/{admin.Id}", null, workspace.Supervisor.Token, 403);

        var profile = await app.Api().GetAsync<AgentProfile>($"/api/agents/{admin.Id}", workspace.Supervisor.Token);
        (profile.Role, profile.Deleted).ShouldBe((Roles.Admin, false));
        (await app.Api().PostAsync<TokenPair>("/api/auth/login", new { email = admin.Account.Email, password = TestAgent.Password }, null))
            .Role.ShouldBe(Roles.Admin);
    }

    [Fact]
    public async Task A_supervisor_still_manages_agents_and_an_admin_still_demotes_another_admin()
    {
        var workspace = await app.NewWorkspaceAsync();
        var second = await app.Api().PostAsync<AgentProfile>("/api/agents",
            new { email = $"second-{Guid.NewGuid():N}@{workspace.Id}.test", displayName = "Second Admin", role = Roles.Admin, password = TestAgent.Password },
            workspace.Admin.Token, 201);

        (await app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{workspace.Agent.Id}", new { role = Roles.Supervisor },
            workspace.Supervisor.Token, 200)).ShouldContain(Roles.Supervisor);
        (await app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{second.Id}", new { displayName = "Renamed Admin" },
            workspace.Supervisor.Token, 200)).ShouldContain("Renamed Admin");
        (await app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{second.Id}", new { role = Roles.Agent },
            workspace.Admin.Token, 200)).ShouldContain($"\"role\":\"{Roles.Agent}\"");
    }
}
