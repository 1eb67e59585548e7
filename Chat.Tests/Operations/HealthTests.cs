using System.Text.Json;
using Alba;
using Chat.Api.Infrastructure;
using Chat.Api.Operations;
using Chat.Tests.Support;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Chat.Tests.Operations;

/// <summary>What a load balancer and an orchestrator ask a node: is the process alive, and may it take traffic.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class HealthTests(ChatApp app)
{
    [Fact]
    public async Task Live_answers_from_the_process_alone_and_is_never_stored()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.StatusCodeShouldBeOk();
        });

        var body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        body.GetProperty("status").GetString().ShouldBe("healthy");
        body.GetProperty("checks").EnumerateObject().ShouldBeEmpty();
        result.Context.Response.Headers.CacheControl.ToString().ShouldBe("no-store");
    }

    [Fact]
    public async Task Ready_names_each_dependency_it_checked_and_how_far_behind_the_subscriptions_are()
    {
        // A database that holds events from before a projection was added is unready until the daemon has caught up with them.
        var (status, body) = await Eventually.Async(ReadyAsync, r => r.Status == 200, TimeSpan.FromSeconds(120));
        status.ShouldBe(200, body);

        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        checks.GetProperty("postgres").GetProperty("status").GetString().ShouldBe("healthy");
        var subscriptions = checks.GetProperty("subscriptions");
        subscriptions.GetProperty("status").GetString().ShouldBe("healthy");
        subscriptions.GetProperty("data").GetProperty("maxLagSeconds").GetInt32().ShouldBe(new HealthOptions().MaxDaemonLagSeconds);
        // The shared test host runs without RabbitMQ, so it has no broker to check.
        checks.TryGetProperty("rabbitmq", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Subscriptions_further_behind_than_allowed_make_a_node_unready_until_they_catch_up()
    {
        var connectionString = await TestDatabase.OtherAsync(TestDatabase.Beside("_lag"));
        using (var store = DocumentStore.For(o => o.ConfigureChatStore(connectionString)))
        {
            await using var session = store.LightweightSession("lag");
            session.Events.StartStream(Guid.NewGuid(), new Chat.Domain.Conversations.ConversationStarted(Guid.NewGuid(), "lag", "v", null, null, "widget", "general", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        await SqlAsync(connectionString, """
            update chat.mt_events set timestamp = now() - interval '5 minutes';
            insert into chat.mt_event_progression (name, last_seq_id)
              values ('webhook_deliveries:All', 0), ('ThreadFacts:All', 0), ('AgentStatusSpan:All', 0), ('Search:All', 0)
              on conflict (name) do update set last_seq_id = 0;
            -- What a rebuild of an inline projection leaves behind is not a subscription falling behind.
            insert into chat.mt_event_progression (name, last_seq_id) values ('InboxItem:All:lag', 0)
              on conflict (name) do update set last_seq_id = 0;
            """);
        using var lagging = DocumentStore.For(o => o.ConfigureChatStore(connectionString));
        var check = new DaemonLagCheck(lagging, Options.Create(new ChatOptions { Health = { MaxDaemonLagSeconds = 60 } }));

        var behind = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);
        behind.Status.ShouldBe(HealthStatus.Unhealthy);
        ((double)behind.Data["lagSeconds"]).ShouldBeGreaterThanOrEqualTo(299);

        await SqlAsync(connectionString, """
            update chat.mt_event_progression set last_seq_id = (select max(seq_id) from chat.mt_events)
            where name in ('webhook_deliveries:All', 'ThreadFacts:All', 'AgentStatusSpan:All', 'Search:All')
            """);
        var caughtUp = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);
        caughtUp.Status.ShouldBe(HealthStatus.Healthy);
        caughtUp.Data["lagSeconds"].ShouldBe(0.0);
    }

    private async Task<(int Status, string Body)> ReadyAsync()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private static async Task SqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
