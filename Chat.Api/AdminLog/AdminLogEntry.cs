using System.Security.Claims;
using System.Text.Json;
using Chat.Api.Identity;
using Marten;

namespace Chat.Api.AdminLog;

/// <summary>
/// One administrative change, written in the same transaction as the change itself and never altered: who (the actor
/// from the token, or none for an anonymous act such as a failed sign-in), when, from which address, what, on which
/// target, and the values before and after as JSON. Secrets never go in: callers pass what may be shown.
/// </summary>
public sealed record AdminLogEntry(Guid Id, string WorkspaceId, DateTimeOffset At, Guid? ActorId, string? Ip, string Action,
    string? Target, string? Before, string? After);

public static class AdminLogRecording
{
    /// <summary>Stages the entry for a change the caller of this request makes in their own workspace.</summary>
    public static void RecordAdminChange(this IDocumentSession session, HttpContext http, string action, string? target,
        object? before = null, object? after = null) =>
        session.RecordAdminChange(http.User.WorkspaceId(), ActorOf(http.User), http, action, target, before, after);

    public static void RecordAdminChange(this IDocumentSession session, string workspaceId, Guid? actorId, HttpContext http,
        string action, string? target, object? before = null, object? after = null)
    {
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        session.Insert(new AdminLogEntry(Guid.CreateVersion7(), workspaceId, clock.GetUtcNow(), actorId,
            http.Connection.RemoteIpAddress?.ToString(), action, target, Json(before), Json(after)));
    }

    private static Guid? ActorOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ChatClaims.Subject), out var id) ? id : null;

    private static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}

/// <summary>The names of the changes recorded, as they appear in the log and its filter.</summary>
public static class AdminActions
{
    public const string WorkspaceRenamed = "workspace.renamed";
    public const string TimeZoneChanged = "workspace.time_zone_changed";
    public const string WidgetKeyRotated = "workspace.widget_key_rotated";
    public const string OriginsChanged = "workspace.origins_changed";
    public const string IdentitySecretMade = "workspace.identity_secret_made";
    public const string IdentitySecretRemoved = "workspace.identity_secret_removed";
    public const string InviteSent = "invite.sent";
    public const string InviteRevoked = "invite.revoked";
    public const string InviteAccepted = "invite.accepted";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookDeleted = "webhook.deleted";
    public const string GroupCreated = "group.created";
    public const string GroupChanged = "group.changed";
    public const string GroupDeleted = "group.deleted";
    public const string GroupRestored = "group.restored";
    public const string GroupMemberAdded = "group.member_added";
    public const string GroupMemberRemoved = "group.member_removed";
    public const string SignedIn = "auth.signed_in";
    public const string SignInFailed = "auth.sign_in_failed";
}
