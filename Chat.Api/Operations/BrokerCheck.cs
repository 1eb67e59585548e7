using Chat.Api.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Chat.Api.Operations;

/// <summary>
/// RabbitMQ takes a connection. A connection of its own, opened and closed per check, says what a reconnecting
/// publisher would find; the answer is reused for a moment, so probes from several balancers cost the broker one
/// connection per node every couple of seconds at most.
/// </summary>
public sealed class BrokerCheck(BrokerCheck.Target target, IOptions<ChatOptions> options, TimeProvider clock) : IHealthCheck
{
    public sealed record Target(Uri Uri);

    private readonly SemaphoreSlim one = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var reuse = TimeSpan.FromSeconds(options.Value.Health.BrokerCheckCacheSeconds);
        await one.WaitAsync(ct);
        try
        {
            if (last is { } known && clock.GetUtcNow() - known.At < reuse) return known.Result;
            var result = await ConnectAsync(ct);
            last = (clock.GetUtcNow(), result);
            return result;
        }
        finally
        {
            one.Release();
        }
    }

    private async Task<HealthCheckResult> ConnectAsync(CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = target.Uri,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            ClientProvidedName = "chat health check",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(ct);
            await connection.CloseAsync(ct);
            return HealthCheckResult.Healthy("RabbitMQ takes connections.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ does not take connections: {e.Message}");
        }
    }
}
