namespace Chat.Api.Webhooks;

/// <summary>A workspace's subscription: which integration events go to which URL, signed with which secret.</summary>
public sealed record WebhookSubscription(Guid Id, string Url, IReadOnlyList<string> EventTypes, string Secret, bool Deleted,
    DateTimeOffset CreatedAt)
{
    public const string AllTypes = "*";

    public bool Wants(string eventType) => !Deleted && (EventTypes.Contains(AllTypes) || EventTypes.Contains(eventType));
}

/// <summary>One attempt to deliver one event to one subscription, kept for the admins to query.</summary>
public sealed record WebhookDelivery(Guid Id, Guid SubscriptionId, Guid EventId, string EventType, int Attempt, int? StatusCode,
    string? Error, bool Succeeded, bool DeadLettered, DateTimeOffset At);

/// <summary>Deliver one integration event to one subscription.</summary>
public sealed record DeliverWebhook(string WorkspaceId, Guid SubscriptionId, Chat.Contracts.IntegrationEvent Event);
