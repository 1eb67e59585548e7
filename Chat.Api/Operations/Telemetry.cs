using Chat.Api.Infrastructure;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chat.Api.Operations;

/// <summary>
/// Traces and metrics through the OpenTelemetry SDK: what ASP.NET Core, SignalR, Wolverine, Marten and Npgsql already
/// emit, plus <see cref="ChatMetrics"/>. Exported by OTLP when an endpoint is configured, scraped at /metrics when
/// Prometheus is switched on; with neither, the instruments cost next to nothing.
/// </summary>
public static class Telemetry
{
    /// <summary>The sources of spans: Wolverine's handlers and messages, Marten's sessions, Npgsql's commands.</summary>
    private static readonly string[] TraceSources = ["Wolverine", "Marten"];
    private static readonly string[] Meters =
        [ChatMetrics.MeterName, "Wolverine", "Marten", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
         "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting", "System.Runtime"];

    public static WebApplicationBuilder AddChatTelemetry(this WebApplicationBuilder builder, TelemetryOptions settings)
    {
        builder.Services.AddSingleton<ChatMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("chat", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddSource(TraceSources)
                .AddNpgsql())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddNpgsqlInstrumentation();
                if (settings.Prometheus) metrics.AddPrometheusExporter();
            });
        var otlpFromEnvironment = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (settings.Prometheus || settings.OtlpEndpoint.Length > 0 || otlpFromEnvironment)
            builder.Services.AddHostedService<QueueLengthSampler>();
        if (settings.OtlpEndpoint.Length > 0)
        {
            var protocol = Enum.TryParse<OtlpExportProtocol>(settings.OtlpProtocol, ignoreCase: true, out var p) ? p : OtlpExportProtocol.HttpProtobuf;
            telemetry.UseOtlpExporter(protocol, new Uri(settings.OtlpEndpoint));
        }
        else if (otlpFromEnvironment)
        {
            telemetry.UseOtlpExporter();
        }

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (settings.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        return builder;
    }

    public static WebApplication MapChatMetrics(this WebApplication app, TelemetryOptions settings)
    {
        if (settings.Prometheus) app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    /// <summary>Probes and scrapes every few seconds would drown the traces that matter.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
