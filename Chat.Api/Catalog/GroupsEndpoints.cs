using Chat.Api.AdminLog;
using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Routing;
using Chat.Domain.Threads.Tagging;
using Marten;
using Wolverine.Marten;

namespace Chat.Api.Catalog;

public sealed record CreateGroupRequest(string? Id, string? Name, RoutingStrategy? Strategy, RoutingStrategy? Fallback);

public sealed record UpdateGroupRequest(string? Name, RoutingStrategy? Strategy, RoutingStrategy? Fallback);

public static class Groups
{
    /// <summary>The first of these groups that does not exist (or was deleted), if any.</summary>
    public static async Task<string?> MissingAsync(IQuerySession session, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var found = await session.LoadManyAsync<RoutingGroup>(ct, ids.ToArray());
        return ids.FirstOrDefault(id => found.All(g => g.Id != id || g.Deleted));
    }

    public static RouteGroupBuilder MapGroupCatalog(this RouteGroupBuilder staff)
    {
        var groups = staff.MapGroup("/groups").RequireAuthorization(Policies.Supervise).WithTags("Catalog");
        groups.MapPost("", CreateAsync);
        groups.MapGet("", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct, bool includeDeleted = false) =>
        {
            await using var session = store.QuerySession(user.WorkspaceId());
            var all = await session.Query<RoutingGroup>().OrderBy(g => g.Id).ToListAsync(ct);
            return Results.Ok(all.Where(g => includeDeleted || !g.Deleted));
        });
        groups.MapPatch("/{groupId}", UpdateAsync);
        groups.MapDelete("/{groupId}", (string groupId, HttpContext http, IDocumentStore store, IMartenOutbox outbox,
            TimeProvider clock, CancellationToken ct) => SetDeletedAsync(groupId, true, http, store, outbox, clock, ct));
        groups.MapPost("/{groupId}/restore", (string groupId, HttpContext http, IDocumentStore store, IMartenOutbox outbox,
            TimeProvider clock, CancellationToken ct) => SetDeletedAsync(groupId, false, http, store, outbox, clock, ct));
        groups.MapPut("/{groupId}/members/{agentId:guid}", (string groupId, Guid agentId, HttpContext http, IDocumentStore store,
            IMartenOutbox outbox, CancellationToken ct) => SetMembershipAsync(groupId, agentId, true, http, store, outbox, ct));
        groups.MapDelete("/{groupId}/members/{agentId:guid}", (string groupId, Guid agentId, HttpContext http, IDocumentStore store,
            IMartenOutbox outbox, CancellationToken ct) => SetMembershipAsync(groupId, agentId, false, http, store, outbox, ct));
        return staff;
    }

    private static async Task<IResult> CreateAsync(CreateGroupRequest request, ClaimsPrincipal user, IDocumentStore store,
        IMartenOutbox outbox, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (id, badId) = TagName.Normalize(request.Id);
        var problem = (badId is null ? null : "id uses letters, digits, spaces, '-' and '_' only.")
                      ?? CatalogRules.CheckName(request.Name, "name") ?? CheckFallback(request.Fallback);
        if (problem is not null) return Problems.Invalid(problem);

        var workspaceId = user.WorkspaceId();
        await using var session = store.LightweightSession(workspaceId);
        var exists = Problems.Of(StatusCodes.Status409Conflict, "Conflict", $"Group '{id}' exists already.");
        if (await session.LoadAsync<RoutingGroup>(id!, ct) is not null) return exists;

        var group = new RoutingGroup(id!, request.Name!.Trim(), request.Strategy ?? RoutingStrategy.RoundRobin,
            request.Fallback ?? RoutingStrategy.RoundRobin, false, false, clock.GetUtcNow(), null);
        session.Insert(group);
        session.RecordAdminChange(http, AdminActions.GroupCreated, group.Id, after: group);
        return await session.SaveCreationAsync(outbox, workspaceId, Results.Created($"/api/groups/{group.Id}", group), exists, ct);
    }

    private static async Task<IResult> UpdateAsync(string groupId, UpdateGroupRequest request, ClaimsPrincipal user, IDocumentStore store,
        IMartenOutbox outbox, HttpContext http, CancellationToken ct)
    {
        var problem = (request.Name is null ? null : CatalogRules.CheckName(request.Name, "name")) ?? CheckFallback(request.Fallback);
        if (problem is not null) return Problems.Invalid(problem);
        var workspaceId = user.WorkspaceId();
        return await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(workspaceId);
            if (await session.LoadAsync<RoutingGroup>(groupId, ct) is not { } group) return UnknownGroup(groupId);

            var updated = group with
            {
                Name = request.Name?.Trim() ?? group.Name,
                Strategy = request.Strategy ?? group.Strategy,
                Fallback = request.Fallback ?? group.Fallback,
            };
            session.Store(updated);
            session.RecordAdminChange(http, AdminActions.GroupChanged, group.Id, group, updated);
            await session.SaveAndRouteAsync(outbox, workspaceId, ct);
            return Results.Ok(updated);
        }, ct);
    }

    private static async Task<IResult> SetDeletedAsync(string groupId, bool deleted, HttpContext http, IDocumentStore store,
        IMartenOutbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var workspaceId = http.User.WorkspaceId();
        return await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(workspaceId);
            if (await session.LoadAsync<RoutingGroup>(groupId, ct) is not { } group) return UnknownGroup(groupId);
            if (deleted && group.IsDefault)
                return Problems.Of(StatusCodes.Status409Conflict, "Conflict", "The default group catches every chat without a group; it stays.");

            var changed = group with { Deleted = deleted, DeletedAt = deleted ? clock.GetUtcNow() : null };
            session.Store(changed);
            session.RecordAdminChange(http, deleted ? AdminActions.GroupDeleted : AdminActions.GroupRestored, group.Id, group, changed);
            await session.SaveAndRouteAsync(outbox, workspaceId, ct);
            return Results.Ok(changed);
        }, ct);
    }

    private static async Task<IResult> SetMembershipAsync(string groupId, Guid agentId, bool member, HttpContext http,
        IDocumentStore store, IMartenOutbox outbox, CancellationToken ct)
    {
        var workspaceId = http.User.WorkspaceId();
        return await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(workspaceId);
            if (await MissingAsync(session, [groupId], ct) is not null) return UnknownGroup(groupId);
            if (await session.LoadAsync<AgentProfile>(agentId, ct) is not { } agent)
                return Problems.NotFound($"Agent {agentId} is not an agent of this workspace.");

            var groups = member ? agent.Groups.Append(groupId).Distinct().ToList() : agent.Groups.Where(g => g != groupId).ToList();
            var updated = agent with { Groups = groups };
            session.Store(updated);
            session.RecordAdminChange(http, member ? AdminActions.GroupMemberAdded : AdminActions.GroupMemberRemoved, groupId,
                new { agentId, agent.Groups }, new { agentId, Groups = groups });
            await session.SaveAndRouteAsync(outbox, workspaceId, ct);
            return Results.Ok(updated);
        }, ct);
    }

    private static string? CheckFallback(RoutingStrategy? fallback) =>
        fallback == RoutingStrategy.Sticky ? "The fallback of sticky routing is round robin or least loaded." : null;

    private static IResult UnknownGroup(string groupId) => Problems.NotFound($"No group '{groupId}' in this workspace.");
}
