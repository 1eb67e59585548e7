using Chat.Api.Infrastructure;
using Chat.Api.Integration;
using Chat.Api.Webhooks;
using Chat.Projections.Reports;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Chat.Api.Operations;

/// <summary>
/// The event subscriptions (integration events to RabbitMQ, webhooks) keep up: the oldest event that one of them has
/// not handled yet is younger than <see cref="HealthOptions.MaxDaemonLagSeconds"/>. Measured in time rather than in
/// events, because a few hundred events behind is nothing at peak and a long wait at night.
/// </summary>
public sealed class DaemonLagCheck(IDocumentStore store, IOptions<ChatOptions> options) : IHealthCheck
{
    /// <summary>
    /// The shards the daemon keeps running: the subscriptions, the reports' asynchronous projections and the search index. Matched by name,
    /// so the progress rows a rebuild of an inline projection leaves behind (never advanced afterwards) are not lag. A
    /// shard without a row yet has handled nothing.
    /// </summary>
    private static string[] Shards(bool broker) =>
    [
        $"{WebhookRelay.Name}:All", $"{nameof(ThreadFacts)}:All", $"{nameof(AgentStatusSpan)}:All",
        $"{Chat.Projections.Search.SearchProjection.ShardName}:All",
        .. broker ? [$"{IntegrationRelay.RelayName}:All"] : Array.Empty<string>(),
    ];

    private static readonly string Query = $"""
        select e.seq_id, extract(epoch from (now() - e.timestamp))::float8
        from {MartenSetup.SchemaName}.mt_events e
        where e.seq_id > (select coalesce(min(coalesce(p.last_seq_id, 0)), 0)
                          from unnest(@shards) as shard(name)
                          left join {MartenSetup.SchemaName}.mt_event_progression p on p.name = shard.name)
        order by e.seq_id
        limit 1
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var limit = options.Value.Health.MaxDaemonLagSeconds;
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(Query, connection);
            command.Parameters.AddWithValue("shards", Shards(options.Value.RabbitMq.Enabled));
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return HealthCheckResult.Healthy("Every event is handled.", Lag(0, limit));
            var lag = Math.Max(0, reader.GetDouble(1));
            var data = Lag(lag, limit);
            data["oldestUnhandledEvent"] = reader.GetInt64(0);
            return lag <= limit
                ? HealthCheckResult.Healthy($"The oldest unhandled event is {lag:0} s old.", data)
                : HealthCheckResult.Unhealthy($"The event subscriptions are {lag:0} s behind (more than {limit} s).", data: data);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return HealthCheckResult.Healthy("No events stored yet.", Lag(0, limit));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The subscriptions' progress could not be read: {e.Message}");
        }
    }

    private static Dictionary<string, object> Lag(double seconds, int limit) =>
        new() { ["lagSeconds"] = Math.Round(seconds, 1), ["maxLagSeconds"] = limit };
}
