using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Api.RealTime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Tests.Resilience;

/// <summary>While the database cannot be reached, requests answer 503 with Retry-After; afterwards the service recovers by itself.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class DatabaseOutageTests(ChatApp app)
{
    [Fact]
    public async Task Requests_during_a_database_outage_answer_503_and_the_service_recovers_without_losing_what_it_acknowledged()
    {
        await using var link = new CuttableDatabaseLink(TestDatabase.ConnectionString);
        await using var node = await ChatApp.StartAsync(link.ConnectionString);
        var workspace = (await app.NewWorkspaceAsync()).On(node);
        var visitor = await workspace.NewVisitorAsync();
        var http = node.Host.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", visitor.Token);
        var before = await visitor.SendAsync("Before the outage");

        await using var hub = node.HubConnection("visitor", visitor.Token);
        await hub.StartAsync();

        link.Cut();
        foreach (var (url, body) in new (string, object)[]
                 {
                     ("/api/visitor/messages", new { text = "During the outage", clientMessageId = "during" }),
                     ("/api/widget/sessions", new { widgetKey = workspace.Workspace.WidgetKey }),
                     ("/api/auth/login", new { email = workspace.Agent.Account.Email, password = TestAgent.Password }),
                 })
        {
            using var refused = await http.PostAsJsonAsync(url, body);
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, url);
            refused.Headers.RetryAfter.ShouldNotBeNull();
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Status.ShouldBe(503);
        }

        var hubRefusal = await Should.ThrowAsync<HubException>(() => hub.InvokeAsync<SentMessage>("Send", "Through the hub", "hub-during"));
        JsonSerializer.Deserialize<HubProblemDetails>(hubRefusal.Message[hubRefusal.Message.IndexOf('{')..], JsonSerializerOptions.Web)!.Status.ShouldBe(503);

        link.Restore();
        var retried = await RetryUntilAcceptedAsync(http, new { text = "During the outage", clientMessageId = "during" });
        var after = await visitor.SendAsync("After the outage");

        var events = await node.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, before.ThreadId);
        var texts = events.Where(e => e.Type == "message_posted").Select(e => ((System.Text.Json.JsonElement)e.Data).GetProperty("text").GetString()).ToList();
        texts.ShouldBe(["Before the outage", "During the outage", "After the outage"]);
        retried.Version.ShouldBeLessThan(after.Version);
    }

    /// <summary>What a client does with a 503: waits as told and sends the same message again.</summary>
    private static async Task<SentMessage> RetryUntilAcceptedAsync(HttpClient http, object message)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("/api/visitor/messages", message);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Created);
                return (await response.Content.ReadFromJsonAsync<SentMessage>(Support.Api.Json))!;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
