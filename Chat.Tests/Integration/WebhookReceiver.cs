using System.Collections.Concurrent;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Chat.Tests.Integration;

/// <summary>A request as the receiver got it: the headers that matter and the raw body.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, string Path);

/// <summary>
/// A real HTTP server standing in for a subscriber, on the one loopback address the tests allow.
/// It answers with the status codes it is given, in turn, then 200; <see cref="Hang"/> never answers.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>An "answer" that keeps the request waiting until the sender gives up.</summary>
    public const int Hang = -1;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> answers;
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    private int always = 200;

    /// <summary>A receiver that never answers any request.</summary>
    public static async Task<WebhookReceiver> StartHangingAsync()
    {
        var receiver = await StartAsync();
        receiver.always = Hang;
        return receiver;
    }

    private WebhookReceiver(WebApplication app, IEnumerable<int> answers)
    {
        this.app = app;
        this.answers = new ConcurrentQueue<int>(answers);
    }

    public string Url(string path = "/hooks") => $"{app.Urls.First()}{path}";

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{ChatApp.WebhookHost}:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, answers);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(), body,
                context.Request.Path));
            var status = receiver.answers.TryDequeue(out var next) ? next : receiver.always;
            if (status == Hang) await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            if (status is >= 300 and < 400) context.Response.Headers.Location = receiver.Url("/redirected");
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
