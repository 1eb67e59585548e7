using System.Net.Http.Json;
using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Conversations.Starting;
using Chat.Api.RealTime;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Robustness;

/// <summary>Hub refusals are problems logged once as information; the logs never hold a message text, a password or a token.</summary>
[Collection(LiveClusterCollection.Name)]
public sealed class HubInputAndLogTests(LiveCluster cluster)
{
    private static HubProblemDetails ProblemOf(HubException e) =>
        JsonSerializer.Deserialize<HubProblemDetails>(e.Message[e.Message.IndexOf('{')..], JsonSerializerOptions.Web)!;

    [Fact]
    public async Task Hub_refusals_are_problems_logged_without_stack_traces_and_no_secret_or_text_is_logged()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var secretText = $"private words {Guid.NewGuid():N}";
        using var http = new HttpClient();
        var login = await http.PostAsJsonAsync($"{node.BaseUrl}/api/auth/login",
            new { email = workspace.Agent.Account.Email, password = TestAgent.Password });
        var tokens = (await login.Content.ReadFromJsonAsync<TokenPair>(Support.Api.Json))!;
        var session = await node.NewVisitorAsync(workspace.Workspace);
        await using var visitor = await LiveClient.ConnectAsync(node.BaseUrl, "visitor", session.VisitorToken);
        await using var agent = await LiveClient.ConnectAsync(node.BaseUrl, "agent", tokens.AccessToken);
        var sent = await visitor.Connection.InvokeAsync<SentMessage>("Send", secretText, "c-1");

        ProblemOf(await Should.ThrowAsync<HubException>(() => visitor.Connection.InvokeAsync<SentMessage>("Send", $"{secretText}\0", "c-2")))
            .Status.ShouldBe(400);
        ProblemOf(await Should.ThrowAsync<HubException>(() => visitor.Connection.InvokeAsync<SentMessage>("Send",
            secretText + new string('x', ChatApp.MaxMessageLength), "c-3"))).Status.ShouldBe(413);
        ProblemOf(await Should.ThrowAsync<HubException>(() => agent.Connection.InvokeAsync("SetStatus", 99))).Status.ShouldBe(400);
        ProblemOf(await Should.ThrowAsync<HubException>(() => agent.Connection.InvokeAsync("SetStatus", "Busy"))).Status.ShouldBe(400);
        ProblemOf(await Should.ThrowAsync<HubException>(() => agent.Connection.InvokeAsync("Watch", Guid.NewGuid()))).Status.ShouldBe(404);
        await node.PostAsync($"/api/conversations/{session.ConversationId}/messages", tokens.AccessToken,
            new { text = secretText + " reply", clientMessageId = "a-1" });

        using var nul = new HttpRequestMessage(HttpMethod.Post, $"{node.BaseUrl}/api/visitor/messages")
        {
            Content = new StringContent($$"""{"text":"{{secretText}}\u0000","clientMessageId":"c-4"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        nul.Headers.Authorization = new("Bearer", session.VisitorToken);
        ((int)(await http.SendAsync(nul)).StatusCode).ShouldBe(400);
        (await http.GetAsync($"{node.BaseUrl}/api/inbox?access_token={tokens.AccessToken}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);

        var history = await visitor.Connection.InvokeAsync<List<Chat.Projections.Live.LiveEvent>>("CatchUp", null, 0L);
        history.Count(e => e.Type == "message_posted").ShouldBe(2);
        visitor.Connection.State.ShouldBe(HubConnectionState.Connected);
        var log = await LoggedAsync(node, "Hub call VisitorHub.Send refused", "Hub call AgentHub.Watch refused",
            "Request POST /api/visitor/messages refused with 400", "Request GET /api/inbox refused with 401");
        log.ShouldNotContain("fail: Microsoft.AspNetCore.Diagnostics");
        log.ShouldNotContain(HubInputFilter.DispatcherLogCategory);
        log.ShouldNotContain("fail: Chat.Api.RealTime.HubInputFilter");
        log.ShouldNotContain("HubException");
        foreach (var secret in new[] { secretText, TestAgent.Password, tokens.AccessToken, tokens.RefreshToken!, session.VisitorToken })
            log.ShouldNotContain(secret);
        sent.Version.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_store_fault_in_a_hub_call_is_answered_as_its_problem_and_not_logged_as_an_error()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var issuer = new TokenIssuer(Options.Create(new ChatOptions { Auth = { SigningKey = ChatApp.SigningKey } }), TimeProvider.System);
        // A token signed before names were checked: its visitor's name is text PostgreSQL refuses to store.
        var name = $"Eve {Guid.NewGuid():N}";
        var (token, _) = issuer.ForVisitor(workspace.Workspace.Id, new VisitorProfile($"v_{Guid.NewGuid():N}", $"{name}\0", null, "widget", "default"));
        await using var visitor = await LiveClient.ConnectAsync(node.BaseUrl, "visitor", token);

        var secretText = $"private words {Guid.NewGuid():N}";
        var refusal = await Should.ThrowAsync<HubException>(() => visitor.Connection.InvokeAsync<SentMessage>("Send", secretText, "c-1"));

        ProblemOf(refusal).ShouldBe(new HubProblemDetails(400, "Invalid request", "The call holds text that cannot be stored."));
        visitor.Connection.State.ShouldBe(HubConnectionState.Connected);
        var log = await LoggedAsync(node, "Hub call VisitorHub.Send refused: ");
        log.ShouldNotContain("fail: Chat.Api.RealTime.HubInputFilter");
        log.ShouldNotContain(secretText);
        log.ShouldNotContain(name);
    }

    /// <summary>The node's output once it holds every expected line (the console logger writes in the background).</summary>
    private static async Task<string> LoggedAsync(ApiNode node, params string[] expected)
    {
        for (var i = 0; i < 50 && !expected.All(node.Output.Contains); i++) await Task.Delay(100);
        var output = node.Output;
        foreach (var line in expected) output.ShouldContain(line);
        return output;
    }
}
