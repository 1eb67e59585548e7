using Chat.Tests.RealTime;
using Chat.Tests.Support;

namespace Chat.Tests.Robustness;

/// <summary>
/// Browsers put the hub's access token in the query string, and ASP.NET Core's request lines carry the whole URL: even
/// with request logging turned up to Information, no token reaches the log.
/// </summary>
[Collection(LiveClusterCollection.Name)]
public sealed class RequestLogTests(LiveCluster cluster)
{
    [Fact]
    public async Task A_token_in_the_query_string_never_reaches_the_log_even_with_request_logging_at_information()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var token = workspace.Agent.Token;
        await using var node = await ApiNode.StartAsync(new Dictionary<string, string>(LiveCluster.NodeEnvironment(cluster.ConnectionString))
        {
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var http = new HttpClient();

        var negotiated = await http.PostAsync($"{node.BaseUrl}/hubs/agent/negotiate?negotiateVersion=1&access_token={token}", null);
        var read = await http.GetAsync($"{node.BaseUrl}/api/inbox?access_token={token}");

        negotiated.IsSuccessStatusCode.ShouldBeTrue("the hub accepts the token from the query");
        ((int)read.StatusCode).ShouldBe(401, "only the hubs take a token from the query");
        for (var i = 0; i < 50 && !node.Output.Contains("Request GET /api/inbox refused with 401"); i++) await Task.Delay(100);
        var log = node.Output;
        log.ShouldContain("Executing endpoint '/hubs/agent/negotiate'", customMessage: "information from ASP.NET Core is logged");
        log.ShouldNotContain(token);
        log.ShouldNotContain(token.Split('.')[2], customMessage: "not even the token's signature");
    }
}
