using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Chat.Tests.Operations;

/// <summary>
/// A node run as an operator would run it with a collector: traces go out by OTLP, logs are JSON lines that carry the
/// trace id of their request, and neither a token nor a message text is ever written at Information.
/// </summary>
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private OtlpReceiver collector = null!;
    private ApiNode node = null!;
    private DocumentStore store = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.OtherAsync(TestDatabase.Beside("_telemetry"));
        collector = await OtlpReceiver.StartAsync();
        node = await ApiNode.StartAsync(new Dictionary<string, string>(LiveCluster.NodeEnvironment(connectionString))
        {
            ["Chat__Telemetry__JsonLogs"] = "true",
            ["Chat__Telemetry__OtlpEndpoint"] = collector.Url,
            ["Chat__Telemetry__OtlpProtocol"] = "HttpProtobuf",
            // The SDK's own setting: export spans every half second instead of every five.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        });
        store = DocumentStore.For(o => o.ConfigureChatStore(connectionString));
    }

    [Fact]
    public async Task A_request_refused_is_logged_as_json_with_a_trace_id_that_the_collector_received_and_no_secret_is_written()
    {
        var (workspace, _) = await WorkspaceSeed.CreateAsync(store, LiveCluster.Tokens, "otel", ("agent", Roles.Agent));
        var visitor = await node.NewVisitorAsync(workspace);
        var text = $"my card number is {Guid.NewGuid():N}";
        await node.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text, clientMessageId = "m-1" });

        (await node.RawGetAsync("/api/conversations/not-a-conversation", visitor.VisitorToken)).ShouldBeOneOf(401, 403, 404);

        var refusal = await Eventually.Async(() => Task.FromResult(RefusalLine()), line => line is not null, TimeSpan.FromSeconds(10));
        refusal.ShouldNotBeNull($"no refusal logged:\n{node.Output}");
        refusal.Value.GetProperty("LogLevel").GetString().ShouldBe("Information");
        var traceId = TraceIdOf(refusal.Value);
        traceId.ShouldNotBeNull(refusal.Value.ToString());

        var traceBytes = Convert.FromHexString(traceId);
        var exported = await Eventually.Async(() => Task.FromResult(collector.Received("/v1/traces").Any(body => Contains(body, traceBytes))),
            found => found, TimeSpan.FromSeconds(20));
        exported.ShouldBeTrue("the collector never received the refused request's span");
        collector.Received("/v1/traces").ShouldContain(body => Contains(body, Encoding.UTF8.GetBytes("service.name")) && Contains(body, Encoding.UTF8.GetBytes("chat")));

        node.Output.ShouldNotContain(text);
        node.Output.ShouldNotContain(visitor.VisitorToken);
    }

    private JsonElement? RefusalLine()
    {
        foreach (var line in node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{')) continue;
            var entry = JsonDocument.Parse(line).RootElement;
            if (entry.GetProperty("Message").GetString()?.Contains("/api/conversations/not-a-conversation refused") == true) return entry.Clone();
        }
        return null;
    }

    private static string? TraceIdOf(JsonElement entry) =>
        entry.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
                .Select(s => s.GetProperty("TraceId").GetString()).FirstOrDefault()
            : null;

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        await collector.DisposeAsync();
        store.Dispose();
    }

    /// <summary>A stand-in for an OpenTelemetry collector: takes every OTLP/HTTP export and keeps its bytes.</summary>
    private sealed class OtlpReceiver(WebApplication app) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();
        public string Url => app.Urls.First();

        public IReadOnlyList<byte[]> Received(string path) => [.. received.Where(r => r.Path == path).Select(r => r.Body)];

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new OtlpReceiver(app);
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver.received.Enqueue((context.Request.Path, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
