using System.Security.Claims;
using System.Text.Json;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.AdminLog;

public sealed record AdminLogView(Guid Id, DateTimeOffset At, Guid? ActorId, string? Ip, string Action, string? Target,
    JsonElement? Before, JsonElement? After);

public sealed record AdminLogPage(IReadOnlyList<AdminLogView> Entries, DateTimeOffset? Next);

/// <summary>The workspace's administrative changes, newest first, for admins and auditors: filtered by action, actor and time, paged by time.</summary>
public static class AdminLogEndpoint
{
    private const int MaxPage = 200;

    public static RouteGroupBuilder MapAdminLog(this RouteGroupBuilder staff)
    {
        staff.MapGet("/admin-log", ReadAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Auditor)).WithTags("Admin log");
        return staff;
    }

    private static async Task<IResult> ReadAsync(ClaimsPrincipal user, IDocumentStore store, string? action, Guid? actorId,
        DateTimeOffset? from, DateTimeOffset? before, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPage) return Problems.Invalid($"limit is from 1 to {MaxPage}.");
        if (action is { Length: > 100 }) return Problems.Invalid("action has at most 100 characters.");

        await using var session = store.QuerySession();
        var workspaceId = user.WorkspaceId();
        var query = session.Query<AdminLogEntry>().Where(e => e.WorkspaceId == workspaceId);
        if (action is not null) query = query.Where(e => e.Action == action);
        if (actorId is not null) query = query.Where(e => e.ActorId == actorId);
        if (from is not null) query = query.Where(e => e.At >= from.Value);
        if (before is not null) query = query.Where(e => e.At < before.Value);
        var size = limit ?? 50;
        var entries = await query.OrderByDescending(e => e.At).Take(size + 1).ToListAsync(ct);

        var page = entries.Take(size).Select(e => new AdminLogView(e.Id, e.At, e.ActorId, e.Ip, e.Action, e.Target,
            Parse(e.Before), Parse(e.After))).ToList();
        return Results.Ok(new AdminLogPage(page, entries.Count > size ? page[^1].At : null));
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
