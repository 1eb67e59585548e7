using System.Net.Http.Json;
using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Api.Identity;
using Chat.Api.RealTime;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

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

        var history = await visitor.Connection.InvokeAsync<List<Chat.Api.Conversations.Reading.ThreadEntry>>("CatchUp", null, 0L);
        history.Count(e => e.Type == "message_posted").ShouldBe(2);
        visitor.Connection.State.ShouldBe(HubConnectionState.Connected);
        var log = await LoggedAsync(node, "Hub call VisitorHub.Send refused", "Hub call AgentHub.Watch refused");
        log.ShouldNotContain(HubInputFilter.DispatcherLogCategory);
        log.ShouldNotContain("fail: Chat.Api.RealTime.HubInputFilter");
        log.ShouldNotContain("HubException");
        foreach (var secret in new[] { secretText, TestAgent.Password, tokens.AccessToken, tokens.RefreshToken, session.VisitorToken })
            log.ShouldNotContain(secret);
        sent.Version.ShouldBeGreaterThan(0);
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
