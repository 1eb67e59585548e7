using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Chat.Api.Infrastructure;
using Chat.Contracts;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Chat.Api.Webhooks;

/// <summary>
/// Posts one signed event to one subscriber and logs the attempt. Anything but a 2xx, a redirect
/// included, is a failure: Wolverine schedules the retry after a growing wait (the queue goes on with other
/// deliveries meanwhile) and dead-letters it after the last.
/// </summary>
public sealed class WebhookSender(IDocumentStore store, WebhookTargets targets, ReceiverLanes lanes, TimeProvider clock, IOptions<ChatOptions> options,
    Operations.ChatMetrics metrics)
{
    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = targets.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    { Timeout = TimeSpan.FromSeconds(options.Value.Webhooks.TimeoutSeconds) };

    public async Task DeliverAsync(DeliverWebhook delivery, Envelope envelope, CancellationToken ct)
    {
        await using var session = store.LightweightSession(delivery.WorkspaceId);
        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, ct);
        if (subscription is null || subscription.Deleted) return;

        var attempt = Math.Max(1, envelope.Attempts);
        var settings = options.Value.Webhooks;
        int? status = null;
        string? error = $"Not attempted: {settings.PerReceiver} deliveries to this receiver were already under way.";
        if (lanes.TryEnter(subscription.Id, settings.PerReceiver))
        {
            try
            {
                (status, error) = await PostAsync(subscription, delivery.Event, ct);
            }
            finally
            {
                lanes.Leave(subscription.Id);
            }
        }
        var succeeded = error is null;
        var lastAttempt = attempt > settings.RetryDelays.Count;
        session.Store(new WebhookDelivery(Guid.CreateVersion7(), subscription.Id, delivery.Event.EventId, delivery.Event.Type, attempt,
            status, error, succeeded, !succeeded && lastAttempt, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        metrics.WebhookAttempted(succeeded ? "delivered" : lastAttempt ? "given_up" : "failed");

        if (!succeeded) throw new WebhookDeliveryFailed(error!);
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookSubscription subscription, IntegrationEvent e, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(e, Integration.IntegrationJson.Options);
        var id = e.EventId.ToString();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, id, timestamp, body));
        try
        {
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null)
                : status is >= 300 and < 400 ? (status, "Redirects are not followed.")
                : (status, $"The receiver answered {status}.");
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or WebhookDeliveryFailed)
        {
            Activity.Current?.AddException(failure);
            return (null, failure.InnerException is WebhookDeliveryFailed refused ? refused.Message : failure.Message);
        }
    }
}

public static class DeliverWebhookHandler
{
    public static Task Handle(DeliverWebhook delivery, WebhookSender sender, Envelope envelope, CancellationToken ct) =>
        sender.DeliverAsync(delivery, envelope, ct);
}
