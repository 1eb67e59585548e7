using System.Net;
using System.Text.Json;
using Chat.Tests.Support;

namespace Chat.Tests.Integration;

/// <summary>A node that cannot reach the broker says so: not ready, with the reason, and ready again once it is back.</summary>
[Collection(OutageClusterCollection.Name)]
public sealed class ReadinessTests(OutageCluster cluster)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Ready_turns_red_while_RabbitMQ_is_stopped_and_green_when_it_is_back_while_live_stays_green()
    {
        (await ReadyAsync()).Status.ShouldBe(HttpStatusCode.OK);

        await RabbitMqCtl.RunAsync("stop_app");
        try
        {
            var down = await Eventually.Async(ReadyAsync, r => r.Status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
            down.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
            down.Checks.GetProperty("rabbitmq").GetProperty("status").GetString().ShouldBe("unhealthy");
            down.Checks.GetProperty("postgres").GetProperty("status").GetString().ShouldBe("healthy");
            (await Http.GetAsync($"{cluster.NodeA.BaseUrl}/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await RabbitMqCtl.RunAsync("start_app");
            await RabbitMqCtl.RunAsync("await_startup");
        }

        var up = await Eventually.Async(ReadyAsync, r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        up.Status.ShouldBe(HttpStatusCode.OK);
        up.Checks.GetProperty("rabbitmq").GetProperty("status").GetString().ShouldBe("healthy");
    }

    private async Task<(HttpStatusCode Status, JsonElement Checks)> ReadyAsync()
    {
        using var response = await Http.GetAsync($"{cluster.NodeA.BaseUrl}/health/ready");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body.GetProperty("checks"));
    }
}
