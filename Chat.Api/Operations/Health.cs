using System.Text.Json;
using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chat.Api.Operations;

/// <summary>
/// ASP.NET Core's health checks. Live: the process answers (a load balancer's restart signal, so it checks nothing
/// outside). Ready: PostgreSQL answers, RabbitMQ answers when it is in use, and the event subscriptions keep up; a
/// node that is not ready answers 503 with what is wrong, and takes no traffic until it is ready again.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddChatHealth(this IServiceCollection services, Uri? broker)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<PostgresCheck>("postgres", tags: [Ready])
            .AddCheck<DaemonLagCheck>("subscriptions", tags: [Ready]);
        if (broker is not null)
        {
            services.AddSingleton(new BrokerCheck.Target(broker));
            checks.AddCheck<BrokerCheck>("rabbitmq", tags: [Ready]);
        }
        return services;
    }

    public static WebApplication MapChatHealth(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health/live", live).AllowAnonymous();
        // The first health address, kept for the scripts and probes that use it.
        app.MapHealthChecks("/health", live).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    /// <summary>What each check found, as JSON: the status code (200 or 503) says ready or not, the body says why.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
