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
        string action, string? target, object? before = null, object? after = null) =>
        session.RecordAdminChange(workspaceId, actorId, http.Connection.RemoteIpAddress?.ToString(),
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), action, target, before, after);

    /// <summary>Stages the entry for a change whose time and address the caller already holds (a session ended).</summary>
    public static void RecordAdminChange(this IDocumentSession session, string workspaceId, Guid? actorId, string? ip, DateTimeOffset at,
        string action, string? target, object? before = null, object? after = null) =>
        // Whole microseconds, as PostgreSQL keeps them: the paging cursor compares the stored time with the one it was given.
        session.Insert(new AdminLogEntry(Guid.CreateVersion7(), workspaceId, at.AddTicks(-(at.Ticks % 10)), actorId, ip, action, target,
            Json(before), Json(after)));

    private static Guid? ActorOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ChatClaims.Subject), out var id) ? id : null;

    private static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}

/// <summary>The names of the changes recorded, as they appear in the log and its filter.</summary>
public static class AdminActions
{
    /// <summary>Every action name, for the dashboard's filter.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AdminActions).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();

    public const string WorkspaceRenamed = "workspace.renamed";
    public const string TimeZoneChanged = "workspace.time_zone_changed";
    public const string FreeTagsChanged = "workspace.free_tags_changed";
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
    public const string AgentCreated = "agent.created";
    public const string AgentChanged = "agent.changed";
    public const string AgentDeleted = "agent.deleted";
    public const string AgentRestored = "agent.restored";
    public const string PasswordChanged = "auth.password_changed";
    public const string SignedOut = "auth.signed_out";
    /// <summary>A session ended from the agent's sessions list, or by their password change in another one.</summary>
    public const string SessionEnded = "auth.session_ended";
    /// <summary>A spent refresh token came back: the service ended its whole session family. No actor; the replayer's address.</summary>
    public const string RefreshTokenReused = "auth.refresh_token_reused";
    public const string SignedIn = "auth.signed_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string TwoFactorEnabled = "auth.2fa_enabled";
    public const string TwoFactorDisabled = "auth.2fa_disabled";
    public const string RecoveryCodesRegenerated = "auth.recovery_codes_regenerated";
    /// <summary>A wrong or replayed second-factor code: at a sign-in's second step (no actor) or on the agent's own account.</summary>
    public const string TwoFactorFailed = "auth.2fa_failed";
    public const string TwoFactorRequirementChanged = "workspace.2fa_required_changed";
}
