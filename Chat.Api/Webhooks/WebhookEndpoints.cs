using Chat.Api.AdminLog;
using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Contracts;
using Marten;

namespace Chat.Api.Webhooks;

/// <summary>A webhook as admins list it: everything but its signing secret.</summary>
public sealed record WebhookListed(Guid Id, string Url, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt);

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Secret);

/// <summary>Admins manage their workspace's webhook subscriptions and read the delivery log.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder staff)
    {
        var webhooks = staff.MapGroup("/webhooks").RequireAuthorization(Policies.Administer).WithTags("Webhooks");
        webhooks.MapPost("", CreateAsync);
        // The types a subscription may name, so that the dashboard never keeps a copy of the list.
        webhooks.MapGet("/event-types", () => Results.Ok(IntegrationEventTypes.All));
        webhooks.MapGet("", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
        {
            await using var session = store.QuerySession(user.WorkspaceId());
            // The signing secret is answered once, at creation; a list of webhooks never carries it.
            var all = await session.Query<WebhookSubscription>().Where(s => !s.Deleted).ToListAsync(ct);
            return Results.Ok(all.Select(s => new WebhookListed(s.Id, s.Url, s.EventTypes, s.CreatedAt)));
        });
        webhooks.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, IDocumentStore store, HttpContext http, CancellationToken ct) =>
        {
            await using var session = store.LightweightSession(user.WorkspaceId());
            if (await session.LoadAsync<WebhookSubscription>(id, ct) is not { Deleted: false } subscription) return Unknown(id);
            session.Store(subscription with { Deleted = true });
            session.RecordAdminChange(http, AdminActions.WebhookDeleted, id.ToString(), Shown(subscription));
            await session.SaveChangesAsync(ct);
            return Results.NoContent();
        });
        webhooks.MapGet("/{id:guid}/deliveries", async (Guid id, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct,
            int limit = 100) =>
        {
            if (limit is < 1 or > 500) return Problems.Invalid("limit is from 1 to 500.");
            await using var session = store.QuerySession(user.WorkspaceId());
            if (await session.LoadAsync<WebhookSubscription>(id, ct) is null) return Unknown(id);
            var deliveries = await session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id)
                .OrderByDescending(d => d.At).Take(limit).ToListAsync(ct);
            return Results.Ok(deliveries);
        });
        return staff;
    }

    private static async Task<IResult> CreateAsync(CreateWebhookRequest request, ClaimsPrincipal user, IDocumentStore store,
        WebhookTargets targets, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var types = request.EventTypes ?? [];
        if (types.Count == 0) return Problems.Invalid($"eventTypes lists the events to receive, or \"{WebhookSubscription.AllTypes}\" for all.");
        if (types.FirstOrDefault(t => t != WebhookSubscription.AllTypes && !IntegrationEventTypes.All.Contains(t)) is { } unknown)
            return Problems.Invalid($"Unknown event type '{unknown}'.");
        if (SecretRefusal(request.Secret) is { } weak) return Problems.Invalid(weak);
        if (await targets.RefusalAsync(request.Url, ct) is { } refusal) return Problems.Invalid(refusal);

        await using var session = store.LightweightSession(user.WorkspaceId());
        var subscription = new WebhookSubscription(Guid.CreateVersion7(), request.Url!, [.. types.Distinct()],
            request.Secret ?? WebhookSignature.NewSecret(), false, clock.GetUtcNow());
        session.Insert(subscription);
        session.RecordAdminChange(http, AdminActions.WebhookCreated, subscription.Id.ToString(), after: Shown(subscription));
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/webhooks/{subscription.Id}", subscription);
    }

    /// <summary>A subscription as the admin log keeps it: never its secret.</summary>
    private static WebhookListed Shown(WebhookSubscription s) => new(s.Id, s.Url, s.EventTypes, s.CreatedAt);

    /// <summary>Why a chosen secret cannot sign, or null. A whsec_ secret's key is the base64 after the prefix (Standard Webhooks).</summary>
    private static string? SecretRefusal(string? secret)
    {
        if (secret is null) return null;
        if (!secret.StartsWith(WebhookSignature.SecretPrefix, StringComparison.Ordinal))
            return secret.Length < 24 ? "A secret has at least 24 characters; leave it out to get a generated one." : null;
        var key = new byte[secret.Length];
        return Convert.TryFromBase64String(secret[WebhookSignature.SecretPrefix.Length..], key, out var length) && length is >= 24 and <= 64
            ? null
            : $"A {WebhookSignature.SecretPrefix} secret is that prefix and the base64 of 24 to 64 random bytes; leave it out to get a generated one.";
    }

    private static IResult Unknown(Guid id) => Problems.NotFound($"No webhook subscription {id} in this workspace.");
}
