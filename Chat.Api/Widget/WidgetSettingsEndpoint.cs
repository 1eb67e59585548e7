using Chat.Api.Agents;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Agents;
using Chat.Domain.Threads.Tagging;
using Chat.Projections.Agents;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.Widget;

/// <summary>
/// What the widget shows before a visitor has a session. <see cref="AgentsOnline"/>: an agent of the group is online with a
/// live connection; <see cref="AgentAvailable"/>: one of them also has a free seat, so a chat started now is routed at once.
/// </summary>
public sealed record WidgetSettings(string WorkspaceName, string Group, bool AgentsOnline, bool AgentAvailable, int MaxMessageLength);

/// <summary>The widget's public settings, read with the public widget key alone: nothing about agents but whether one is there.</summary>
public static class WidgetSettingsEndpoint
{
    public static RouteGroupBuilder MapWidgetSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/widget/settings", GetAsync).AllowAnonymous().WithTags("Widget");
        return api;
    }

    private static async Task<IResult> GetAsync(string? widgetKey, string? group, IDocumentStore store, TimeProvider clock,
        IOptions<ChatOptions> options, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(widgetKey)) return Problems.Invalid("A widgetKey is required.");
        var (groupId, badGroup) = TagName.Normalize(group ?? DefaultGroup.Id);
        if (badGroup is not null) return Problems.Invalid("The group is not a valid group name.");

        var (workspace, refusal) = await WidgetKeys.OpenAsync(store, widgetKey, http, ct);
        if (workspace is null) return refusal!;

        await using var session = store.QuerySession(workspace.Id);
        var routedTo = await RoutedGroupAsync(session, groupId!, ct);
        var connected = await LiveConnections.AgentsAsync(session, clock.GetUtcNow(), ct);
        var online = (await session.Query<AgentPresenceView>().Where(p => p.Status == AgentStatus.Online).ToListAsync(ct))
            .Select(p => p.Id).Where(connected.Contains).ToHashSet();
        var present = (await session.Query<AgentProfile>().Where(p => !p.Deleted && p.Role != Roles.Auditor).ToListAsync(ct))
            .Where(p => online.Contains(p.Id) && p.Groups.Contains(routedTo)).ToList();
        var loads = present.Count == 0 ? new Dictionary<Guid, int>() : await AgentLoads.OpenChatsAsync(session, ct);

        return Results.Ok(new WidgetSettings(workspace.Name, routedTo, present.Count > 0,
            present.Any(p => loads.GetValueOrDefault(p.Id) < p.MaxConcurrentChats), options.Value.Messages.MaxLength));
    }

    /// <summary>As the router does: a group that does not exist (or no longer does) routes through the default group.</summary>
    private static async Task<string> RoutedGroupAsync(IQuerySession session, string groupId, CancellationToken ct) =>
        await session.LoadAsync<RoutingGroup>(groupId, ct) is { Deleted: false } ? groupId : DefaultGroup.Id;
}
