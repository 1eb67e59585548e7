using System.Net;
using System.Net.Http.Json;
using Chat.Tests.Support;

namespace Chat.Tests.Resilience;

/// <summary>
/// The conditions under which pooled connections once broke: bursts of widget sessions and logins, mixed
/// with refused inputs and requests their clients abandon mid-way. Every answer is a success or a 4xx.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class HostileBurstTests(ChatApp app)
{
    [Fact]
    public async Task Bursts_of_sessions_and_logins_among_hostile_and_aborted_requests_never_fail()
    {
        var workspace = await app.NewWorkspaceAsync();
        var http = app.Host.Server.CreateClient();
        var login = new { email = workspace.Agent.Account.Email, password = TestAgent.Password };

        for (var burst = 0; burst < 3; burst++)
        {
            var requests = new List<Task<HttpStatusCode?>>();
            for (var i = 0; i < 100; i++)
            {
                requests.Add(i % 2 == 0
                    ? PostAsync(http, "/api/widget/sessions", new { widgetKey = workspace.Workspace.WidgetKey, name = $"Visitor {i}" })
                    : PostAsync(http, "/api/auth/login", login));
                if (i % 5 == 0)
                {
                    requests.Add(PostAsync(http, "/api/widget/sessions", new { widgetKey = $"wk_\0{i}" }));
                    requests.Add(PostAsync(http, "/api/widget/sessions", new { widgetKey = workspace.Workspace.WidgetKey, name = "bad\0name" }));
                    requests.Add(PostAsync(http, "/api/auth/login", new { email = $"x\0{i}@example.test", password = "p" }));
                    requests.Add(PostAsync(http, "/api/auth/login", login, abandonAfter: TimeSpan.FromMilliseconds(i % 3)));
                    requests.Add(PostAsync(http, "/api/widget/sessions", new { widgetKey = workspace.Workspace.WidgetKey },
                        abandonAfter: TimeSpan.FromMilliseconds(i % 4)));
                }
            }
            var answers = await Task.WhenAll(requests);

            answers.Where(status => status is not null).ShouldAllBe(status => (int)status! < 500);
            answers.Count(status => status == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(100);
        }
    }

    /// <summary>Posts JSON; an abandoned request answers null.</summary>
    private static async Task<HttpStatusCode?> PostAsync(HttpClient http, string url, object body, TimeSpan? abandonAfter = null)
    {
        using var abandon = abandonAfter is { } after ? new CancellationTokenSource(after) : new CancellationTokenSource();
        try
        {
            using var response = await http.PostAsJsonAsync(url, body, abandon.Token);
            return response.StatusCode;
        }
        catch (OperationCanceledException) when (abandonAfter is not null)
        {
            return null;
        }
    }
}
