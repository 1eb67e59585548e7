using Chat.Api.Agents;
using Chat.Tests.Assignment;
using Chat.Tests.Support;

namespace Chat.Tests.Agents;

/// <summary>The team as the dashboard lists it: colleagues by name with presence and load, to every member of staff.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class TeamTests(ChatApp app)
{
    [Fact]
    public async Task Staff_see_their_colleagues_by_name_with_presence_connection_and_load_but_never_their_emails()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent);
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello");
        await Eventually.Async(async () => (await app.Api().GetAsync<List<TeamMember>>("/api/team", workspace.OtherAgent.Token))
            .Single(m => m.Id == workspace.Agent.Id).OpenChats == 1, "the agent's chat counted");

        var team = await app.Api().GetAsync<List<TeamMember>>("/api/team", workspace.Auditor.Token);
        var agent = team.Single(m => m.Id == workspace.Agent.Id);
        agent.DisplayName.ShouldBe(workspace.Agent.Account.DisplayName);
        agent.Status.ShouldBe(Chat.Domain.Agents.AgentStatus.Online);
        agent.Connected.ShouldBeTrue();
        agent.OpenChats.ShouldBe(1);
        team.Single(m => m.Id == workspace.OtherAgent.Id).Status.ShouldBe(Chat.Domain.Agents.AgentStatus.Offline);
        team.Count.ShouldBe(5);
        (await app.Api().SendAsync(HttpMethod.Get, "/api/team", null, workspace.Agent.Token, 200)).ShouldNotContain("@");
        await app.Api().SendAsync(HttpMethod.Get, "/api/team", null, visitor.Token, 403);
    }
}
