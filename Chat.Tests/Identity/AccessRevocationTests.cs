using Chat.Api.Identity;
using Chat.Tests.Catalog;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Identity;

/// <summary>
/// Access tokens end with what they stand for: a session that ends takes its access tokens with it, the agent's other
/// sessions go on; disabling an agent or giving them another role ends every token issued before. On a single node
/// (no RabbitMQ) as much as on several: the node that made the change refuses the tokens on its next request.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class AccessRevocationTests(ChatApp app)
{
    [Fact]
    public async Task Signing_out_and_ending_a_session_refuse_that_sessions_access_token_at_once_and_no_other()
    {
        var workspace = await app.NewWorkspaceAsync();
        var laptop = await app.LogInAsync(workspace.Agent, Device.Laptop);
        var phone = await app.LogInAsync(workspace.Agent, Device.Phone);
        var tablet = await app.LogInAsync(workspace.Agent, Device.Phone);
        await ShouldWorkAsync(laptop.AccessToken, phone.AccessToken, tablet.AccessToken);
        var phoneSession = (await app.SendAsync(HttpMethod.Get, "/api/auth/sessions", null, phone.AccessToken)).Read<List<OwnSession>>()
            .Single(s => s.Current);

        await app.LogOutAsync(tablet.RefreshToken!);
        (await app.SendAsync(HttpMethod.Delete, $"/api/auth/sessions/{phoneSession.Id}", null, laptop.AccessToken)).Status.ShouldBe(204);

        (await Me(tablet.AccessToken)).ShouldBeProblem(401);
        (await Me(phone.AccessToken)).ShouldBeProblem(401);
        await ShouldWorkAsync(laptop.AccessToken);
    }

    [Fact]
    public async Task A_password_change_refuses_the_other_sessions_access_tokens_and_keeps_this_one()
    {
        var workspace = await app.NewWorkspaceAsync();
        var here = await app.LogInAsync(workspace.Agent, Device.Laptop);
        var elsewhere = await app.LogInAsync(workspace.Agent, Device.Phone);
        await ShouldWorkAsync(here.AccessToken, elsewhere.AccessToken);

        (await app.SendAsync(HttpMethod.Put, "/api/auth/password",
            new { currentPassword = TestAgent.Password, newPassword = "a brand new passphrase" }, here.AccessToken)).Status.ShouldBe(204);

        (await Me(elsewhere.AccessToken)).ShouldBeProblem(401);
        await ShouldWorkAsync(here.AccessToken);
    }

    [Fact]
    public async Task A_replayed_refresh_token_ends_the_access_tokens_of_its_whole_session()
    {
        var workspace = await app.NewWorkspaceAsync();
        var first = await app.LogInAsync(workspace.Agent);
        var second = (await app.RefreshAsync(first.RefreshToken!)).Read<TokenPair>();
        var newest = (await app.RefreshAsync(second.RefreshToken!)).Read<TokenPair>();
        var otherSession = await app.LogInAsync(workspace.Agent, Device.Phone);
        await ShouldWorkAsync(first.AccessToken, newest.AccessToken);

        (await app.RefreshAsync(first.RefreshToken!, Device.Phone)).ShouldBeProblem(401);

        foreach (var token in new[] { first.AccessToken, second.AccessToken, newest.AccessToken })
            (await Me(token)).ShouldBeProblem(401);
        await ShouldWorkAsync(otherSession.AccessToken);
    }

    [Fact]
    public async Task Disabling_an_agent_refuses_their_tokens_at_once_and_restoring_them_does_not_bring_old_tokens_back()
    {
        var workspace = await app.NewWorkspaceAsync();
        var login = await app.LogInAsync(workspace.Agent);
        await ShouldWorkAsync(login.AccessToken, workspace.Agent.Token);

        await app.Api().SendAsync(HttpMethod.Delete, $"/api/agents/{workspace.Agent.Id}", null, workspace.Admin.Token, 200);

        (await Me(login.AccessToken)).ShouldBeProblem(401);
        (await Me(workspace.Agent.Token)).ShouldBeProblem(401);
        await app.Api().PostAsync<object>($"/api/agents/{workspace.Agent.Id}/restore", new { }, workspace.Admin.Token);
        (await Me(login.AccessToken)).ShouldBeProblem(401);
        (await app.RefreshAsync(login.RefreshToken!)).Status.ShouldBe(200, "the session itself was not ended: renewing gets a token of today's account");
    }

    [Fact]
    public async Task A_new_role_refuses_the_tokens_of_the_old_one_and_a_renewal_carries_the_new_one()
    {
        var workspace = await app.NewWorkspaceAsync();
        var login = await app.LogInAsync(workspace.Agent);
        await ShouldWorkAsync(login.AccessToken);

        await app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{workspace.Agent.Id}", new { displayName = "Renamed" }, workspace.Admin.Token, 200);
        await ShouldWorkAsync(login.AccessToken);
        await app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{workspace.Agent.Id}", new { role = Roles.Supervisor }, workspace.Admin.Token, 200);

        (await Me(login.AccessToken)).ShouldBeProblem(401);
        var renewed = (await app.RefreshAsync(login.RefreshToken!)).Read<TokenPair>();
        renewed.Role.ShouldBe(Roles.Supervisor);
        (await app.SendAsync(HttpMethod.Get, "/api/agents", null, renewed.AccessToken)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task On_a_single_node_disabling_an_agent_closes_their_hub_socket_and_the_hub_refuses_their_token()
    {
        var workspace = await app.NewWorkspaceAsync();
        await using var connection = app.WebSocketHubConnection("agent", workspace.Agent.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        await connection.InvokeAsync("Unwatch", Guid.NewGuid());

        await app.Api().SendAsync(HttpMethod.Delete, $"/api/agents/{workspace.Agent.Id}", null, workspace.Admin.Token, 200);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await using var again = app.HubConnection("agent", workspace.Agent.Token);
        (await Should.ThrowAsync<HttpRequestException>(() => again.StartAsync())).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    private Task<Answer> Me(string accessToken) => app.SendAsync(HttpMethod.Get, "/api/auth/me", null, accessToken);

    private async Task ShouldWorkAsync(params string[] accessTokens)
    {
        foreach (var token in accessTokens) (await Me(token)).Status.ShouldBe(200);
    }
}
