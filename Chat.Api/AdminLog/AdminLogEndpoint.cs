using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;
using Marten.Linq.MatchesSql;

namespace Chat.Api.AdminLog;

/// <summary>One entry as admins and auditors read it; the actor also by their current display name where the account still exists.</summary>
public sealed record AdminLogView(Guid Id, DateTimeOffset At, Guid? ActorId, string? ActorName, string? Ip, string Action, string? Target,
    JsonElement? Before, JsonElement? After);

/// <summary>A page of the log, newest first; pass NextCursor back as cursor for the older entries.</summary>
public sealed record AdminLogPage(IReadOnlyList<AdminLogView> Entries, string? NextCursor);

/// <summary>
/// The workspace's administrative changes, newest first, for admins and auditors: filtered by action (a prefix such as
/// "agent."), actor, target and time, and paged by a cursor of time and id, so entries that share a time are never
/// skipped or shown twice at the edge of a page.
/// </summary>
public static class AdminLogEndpoint
{
    private const int MaxPage = 200;

    public static RouteGroupBuilder MapAdminLog(this RouteGroupBuilder staff)
    {
        var log = staff.MapGroup("/admin-log").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Auditor)).WithTags("Admin log");
        log.MapGet("", ReadAsync);
        log.MapGet("/actions", () => Results.Ok(AdminActions.All));
        return staff;
    }

    private static async Task<IResult> ReadAsync(ClaimsPrincipal user, IDocumentStore store, string? action, Guid? actorId, string? target,
        DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPage) return Problems.Invalid($"limit is from 1 to {MaxPage}.");
        if (action is { Length: > 100 } || target is { Length: > 200 }) return Problems.Invalid("action has at most 100 characters, target 200.");
        if (from is not null && to is not null && to <= from) return Problems.Invalid("to must be later than from.");
        from = from?.ToUniversalTime();
        to = to?.ToUniversalTime();
        (DateTimeOffset At, Guid Id)? after = null;
        if (cursor is not null)
        {
            if (Cursor.Parse(cursor) is not { } parsed) return Problems.Invalid("The cursor is not one this log gave out.");
            after = parsed;
        }

        await using var session = store.QuerySession();
        var workspaceId = user.WorkspaceId();
        var query = session.Query<AdminLogEntry>().Where(e => e.WorkspaceId == workspaceId);
        if (!string.IsNullOrEmpty(action)) query = query.Where(e => e.MatchesSql("starts_with(d.data ->> 'action', ?)", action));
        if (actorId is not null) query = query.Where(e => e.ActorId == actorId);
        if (!string.IsNullOrEmpty(target)) query = query.Where(e => e.Target == target);
        if (from is not null) query = query.Where(e => e.At >= from.Value);
        if (to is not null) query = query.Where(e => e.At < to.Value);
        // The time is a column of its own (MartenSetup), so the row comparison reads what the ordering reads.
        if (after is { } edge) query = query.Where(e => e.MatchesSql("(d.at, d.id) < (?, ?)", edge.At, edge.Id));
        var size = limit ?? 50;
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(ct);
        var shown = entries.Take(size).ToList();

        var actorIds = shown.Select(e => e.ActorId).OfType<Guid>().Distinct().ToArray();
        var actors = (await session.LoadManyAsync<AgentAccount>(ct, actorIds))
            .Where(a => a.WorkspaceId == workspaceId).ToDictionary(a => a.Id, a => a.DisplayName);
        var page = shown.Select(e => new AdminLogView(e.Id, e.At, e.ActorId, e.ActorId is { } id ? actors.GetValueOrDefault(id) : null,
            e.Ip, e.Action, e.Target, Parse(e.Before), Parse(e.After))).ToList();
        return Results.Ok(new AdminLogPage(page, entries.Count > size ? Cursor.Of(shown[^1]) : null));
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The last entry shown, as "{UTC ticks}.{id}": the next page starts strictly after it in (time, id) order.</summary>
    private static class Cursor
    {
        public static string Of(AdminLogEntry last) => $"{last.At.UtcTicks}.{last.Id:N}";

        public static (DateTimeOffset, Guid)? Parse(string cursor)
        {
            var parts = cursor.Split('.');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
    }
}
