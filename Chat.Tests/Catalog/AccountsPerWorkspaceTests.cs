using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Tests.Catalog;

/// <summary>
/// An account belongs to one workspace and its email is unique there only: no answer tells one workspace whether
/// another holds an address, and the same person may hold accounts in several.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class AccountsPerWorkspaceTests(ChatApp app)
{
    private const string OtherPassword = "another horse battery staple";

    [Fact]
    public async Task An_address_held_in_another_workspace_is_created_like_a_new_one_and_both_log_in()
    {
        var a = await app.NewWorkspaceAsync();
        var b = await app.NewWorkspaceAsync();
        var taken = a.Agent.Account.Email;

        var created = await app.Api().PostAsync<AgentProfile>("/api/agents",
            new { email = taken, displayName = "Same Person", password = OtherPassword }, b.Admin.Token, 201);

        var inA = await LogInAsync(taken, TestAgent.Password);
        (inA.WorkspaceId, inA.Role).ShouldBe((a.Id, Roles.Agent));
        var inB = await LogInAsync(taken.ToUpperInvariant(), OtherPassword);
        inB.WorkspaceId.ShouldBe(b.Id);
        (await app.Api().GetAsync<AgentProfile>($"/api/agents/{created.Id}", b.Admin.Token)).Email.ShouldBe(taken);
        (await app.Api().PostAsync<TokenPair>("/api/auth/refresh", new { refreshToken = inB.RefreshToken }, null)).WorkspaceId.ShouldBe(b.Id);
        (await LogInAsync(taken, TestAgent.Password, a.Id)).WorkspaceId.ShouldBe(a.Id);
        (await LogInAsync(taken, OtherPassword, b.Id)).WorkspaceId.ShouldBe(b.Id);

        // A true duplicate within one workspace is still refused.
        var duplicate = await app.Api().RefusedAsync(HttpMethod.Post, "/api/agents",
            new { email = taken, displayName = "Again", password = OtherPassword }, b.Admin.Token, 409);
        duplicate.Detail.ShouldBe("An account with this email exists already in this workspace.");
    }

    [Fact]
    public async Task No_answer_tells_whether_another_workspace_holds_an_address()
    {
        var a = await app.NewWorkspaceAsync();
        var b = await app.NewWorkspaceAsync();
        var heldInA = a.Agent.Account.Email;
        var heldNowhere = $"nobody-{Guid.NewGuid():N}@{a.Id}.test";

        async Task<string[]> AnswersAbout(string email)
        {
            var create = new { email, displayName = "Probe", password = OtherPassword };
            return
            [
                Shape(await app.PostAnyAsync("/api/agents", create, b.Admin.Token)),
                Shape(await app.PostAnyAsync("/api/agents", create, b.Admin.Token)),
                Shape(await app.PostAnyAsync("/api/auth/login", new { email, password = "wrong password" }, null)),
                Shape(await app.PostAnyAsync("/api/auth/login", new { email, password = TestAgent.Password, workspaceId = b.Id }, null)),
                Shape(await app.PostAnyAsync("/api/auth/login", new { email, password = "wrong password", workspaceId = b.Id }, null)),
            ];
        }

        (await AnswersAbout(heldInA)).ShouldBe(await AnswersAbout(heldNowhere));
    }

    [Fact]
    public async Task One_password_opening_accounts_in_several_workspaces_asks_for_the_workspace()
    {
        var a = await app.NewWorkspaceAsync();
        var b = await app.NewWorkspaceAsync();
        var email = a.Agent.Account.Email;
        await app.Api().PostAsync<AgentProfile>("/api/agents", new { email, displayName = "Same Person", password = TestAgent.Password }, b.Admin.Token, 201);

        var ambiguous = await app.PostAnyAsync("/api/auth/login", new { email, password = TestAgent.Password }, null);

        var problem = ambiguous.ShouldBeProblem(409);
        problem.Detail!.ShouldContain("workspaceId");
        problem.Extensions["workspaces"]!.ToString()!.ShouldContain(a.Id);
        problem.Extensions["workspaces"]!.ToString()!.ShouldContain(b.Id);
        (await LogInAsync(email, TestAgent.Password, b.Id)).WorkspaceId.ShouldBe(b.Id);

        // A disabled account opens nothing, so the other one signs in without naming its workspace.
        await app.Api().SendAsync(HttpMethod.Delete, $"/api/agents/{a.Agent.Id}", null, a.Admin.Token, 200);
        (await LogInAsync(email, TestAgent.Password)).WorkspaceId.ShouldBe(b.Id);
    }

    private Task<TokenPair> LogInAsync(string email, string password, string? workspaceId = null) =>
        app.Api().PostAsync<TokenPair>("/api/auth/login", new { email, password, workspaceId }, null);

    /// <summary>What a caller sees of an answer, less the values that differ on every request anyway (ids, times, tokens).</summary>
    private static string Shape(Answer answer)
    {
        if (answer.ContentType.StartsWith("application/problem+json"))
            return $"{answer.Status} {answer.Read<ProblemDetails>().Title}: {answer.Read<ProblemDetails>().Detail}";
        var fields = answer.Read<Dictionary<string, System.Text.Json.JsonElement>>().Keys.Order();
        return $"{answer.Status} {string.Join(",", fields)}";
    }
}
