using System.Security.Claims;
using Chat.Api.AdminLog;
using Chat.Api.Conversations.Visitors;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Identity;
using Wolverine;
using Wolverine.Marten;

namespace Chat.Api.Catalog;

public sealed record CreateAgentRequest(string? Email, string? DisplayName, string? Role, string? Password,
    int? MaxConcurrentChats, IReadOnlyList<string>? Groups);

public sealed record UpdateAgentRequest(string? DisplayName, string? Role, int? MaxConcurrentChats, IReadOnlyList<string>? Groups);

/// <summary>Supervisors and admins manage the workspace's agents; only admins make admins.</summary>
public static class AgentsEndpoints
{
    public static RouteGroupBuilder MapAgentCatalog(this RouteGroupBuilder staff)
    {
        var agents = staff.MapGroup("/agents").RequireAuthorization(Policies.Supervise).WithTags("Catalog");
        agents.MapPost("", CreateAsync);
        agents.MapGet("", async (ClaimsPrincipal user, IDocumentStore store, CancellationToken ct, bool includeDeleted = false) =>
        {
            await using var session = store.QuerySession(user.WorkspaceId());
            var all = await session.Query<AgentProfile>().OrderBy(a => a.DisplayName).ToListAsync(ct);
            return Results.Ok(all.Where(a => includeDeleted || !a.Deleted));
        });
        agents.MapGet("/{agentId:guid}", async (Guid agentId, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
        {
            await using var session = store.QuerySession(user.WorkspaceId());
            return await session.LoadAsync<AgentProfile>(agentId, ct) is { } agent ? Results.Ok(agent) : UnknownAgent(agentId);
        });
        agents.MapPatch("/{agentId:guid}", UpdateAsync);
        agents.MapDelete("/{agentId:guid}", (Guid agentId, HttpContext http, IDocumentStore store, IMartenOutbox outbox,
            IMessageBus bus, AccessCheck access, TimeProvider clock, CancellationToken ct) =>
            SetDeletedAsync(agentId, true, http, store, outbox, bus, access, clock, ct));
        agents.MapPost("/{agentId:guid}/restore", (Guid agentId, HttpContext http, IDocumentStore store, IMartenOutbox outbox,
            IMessageBus bus, AccessCheck access, TimeProvider clock, CancellationToken ct) =>
            SetDeletedAsync(agentId, false, http, store, outbox, bus, access, clock, ct));
        return staff;
    }

    private static async Task<IResult> CreateAsync(CreateAgentRequest request, HttpContext http, IDocumentStore store,
        IMartenOutbox outbox, PasswordHasher<AgentAccount> hasher, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User;
        var role = request.Role ?? Roles.Agent;
        var email = request.Email?.Trim().ToLowerInvariant() ?? "";
        var (groups, badGroups) = CatalogRules.NormalizeGroups(request.Groups ?? [DefaultGroup.Id]);
        var problem = CatalogRules.CheckEmail(email)
                      ?? CatalogRules.CheckName(request.DisplayName, "displayName")
                      ?? CatalogRules.CheckRole(role)
                      ?? CatalogRules.CheckLimit(request.MaxConcurrentChats)
                      ?? (request.Password?.Length >= CatalogRules.MinPasswordLength ? null : $"The password has at least {CatalogRules.MinPasswordLength} characters.")
                      ?? badGroups;
        if (problem is not null) return Problems.Invalid(problem);
        if (role == Roles.Admin && !user.IsInRole(Roles.Admin)) return Problems.Forbidden("Only admins make admins.");

        var workspaceId = user.WorkspaceId();
        await using var session = store.LightweightSession(workspaceId);
        if (await Groups.MissingAsync(session, groups!, ct) is { } missing) return Problems.Invalid($"No group '{missing}' in this workspace.");
        // The address is looked for in this workspace only: whether another workspace holds it is none of this one's business.
        if (await session.Query<AgentAccount>().AnyAsync(a => a.Email == email && a.WorkspaceId == workspaceId, ct)) return EmailTaken;

        var now = clock.GetUtcNow();
        var account = new AgentAccount(Guid.CreateVersion7(), workspaceId, email, request.DisplayName!.Trim(), role, "", now);
        var profile = new AgentProfile(account.Id, email, account.DisplayName, role, request.MaxConcurrentChats ?? 3, groups!, false, now, null);
        session.Insert(account with { PasswordHash = hasher.HashPassword(account, request.Password!) });
        session.Insert(profile);
        session.RecordAdminChange(http, AdminActions.AgentCreated, profile.Id.ToString(), after: Logged(profile));
        return await session.SaveCreationAsync(outbox, workspaceId, Results.Created($"/api/agents/{profile.Id}", profile), EmailTaken, ct);
    }

    private static IResult EmailTaken =>
        Problems.Of(StatusCodes.Status409Conflict, "Conflict", "An account with this email exists already in this workspace.");

    /// <summary>A new role ends the agent's access tokens (they name the old role) and closes their hub connections.</summary>
    private static async Task<IResult> UpdateAsync(Guid agentId, UpdateAgentRequest request, HttpContext http, IDocumentStore store,
        IMartenOutbox outbox, IMessageBus bus, AccessCheck access, CancellationToken ct)
    {
        var user = http.User;
        var (groups, badGroups) = request.Groups is null ? (null, null) : CatalogRules.NormalizeGroups(request.Groups);
        var problem = (request.DisplayName is null ? null : CatalogRules.CheckName(request.DisplayName, "displayName"))
                      ?? CatalogRules.CheckRole(request.Role) ?? CatalogRules.CheckLimit(request.MaxConcurrentChats) ?? badGroups;
        if (problem is not null) return Problems.Invalid(problem);
        if (request.Role == Roles.Admin && !user.IsInRole(Roles.Admin)) return Problems.Forbidden("Only admins make admins.");

        var workspaceId = user.WorkspaceId();
        AgentAccount? restamped = null;
        var answer = await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            restamped = null;
            await using var session = store.LightweightSession(workspaceId);
            if (await session.LoadAsync<AgentProfile>(agentId, ct) is not { } profile) return UnknownAgent(agentId);
            if (request.Role is not null && request.Role != profile.Role && profile.Role == Roles.Admin && !user.IsInRole(Roles.Admin))
                return OnlyAdminsChangeAdmins;
            if (groups is not null && await Groups.MissingAsync(session, groups, ct) is { } missing)
                return Problems.Invalid($"No group '{missing}' in this workspace.");

            var updated = profile with
            {
                DisplayName = request.DisplayName?.Trim() ?? profile.DisplayName,
                Role = request.Role ?? profile.Role,
                MaxConcurrentChats = request.MaxConcurrentChats ?? profile.MaxConcurrentChats,
                Groups = groups ?? profile.Groups,
            };
            session.Store(updated);
            var account = await UpdateAccountAsync(session, agentId, a => a.Role == updated.Role
                ? a with { DisplayName = updated.DisplayName }
                : a.Restamped() with { DisplayName = updated.DisplayName, Role = updated.Role }, ct);
            if (!Logged(updated).Same(Logged(profile)))
                session.RecordAdminChange(http, AdminActions.AgentChanged, agentId.ToString(), Logged(profile), Logged(updated));
            await session.SaveAndRouteAsync(outbox, workspaceId, ct);
            AgentNames.Forget(agentId);
            if (account is not null && account.Role != profile.Role) restamped = account;
            return Results.Ok(updated);
        }, ct);
        if (restamped is not null) await bus.AnnounceAsync(access, [AccessRevoked.Restamped(restamped)]);
        return answer;
    }

    /// <summary>Deleting (or restoring) ends the agent's access tokens and closes their hub connections; the router takes their chats back.</summary>
    private static async Task<IResult> SetDeletedAsync(Guid agentId, bool deleted, HttpContext http, IDocumentStore store,
        IMartenOutbox outbox, IMessageBus bus, AccessCheck access, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User;
        var workspaceId = user.WorkspaceId();
        if (deleted && agentId == user.AgentId()) return Problems.Of(StatusCodes.Status409Conflict, "Conflict", "You cannot delete yourself.");
        AgentAccount? restamped = null;
        var answer = await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            restamped = null;
            await using var session = store.LightweightSession(workspaceId);
            if (await session.LoadAsync<AgentProfile>(agentId, ct) is not { } profile) return UnknownAgent(agentId);
            if (profile.Role == Roles.Admin && !user.IsInRole(Roles.Admin)) return OnlyAdminsChangeAdmins;

            var changed = profile with { Deleted = deleted, DeletedAt = deleted ? clock.GetUtcNow() : null };
            session.Store(changed);
            restamped = await UpdateAccountAsync(session, agentId, a => a.Restamped() with { Disabled = deleted }, ct);
            session.RecordAdminChange(http, deleted ? AdminActions.AgentDeleted : AdminActions.AgentRestored, agentId.ToString(),
                Logged(profile), Logged(changed));
            await session.SaveAndRouteAsync(outbox, workspaceId, ct);
            return Results.Ok(changed);
        }, ct);
        if (restamped is not null) await bus.AnnounceAsync(access, [AccessRevoked.Restamped(restamped)]);
        return answer;
    }

    /// <summary>What the admin log keeps of an agent, before and after a change: never a password or its hash.</summary>
    private sealed record LoggedAgent(string DisplayName, string Email, string Role, int MaxConcurrentChats, IReadOnlyList<string> Groups,
        bool Enabled)
    {
        public bool Same(LoggedAgent other) =>
            this with { Groups = Array.Empty<string>() } == other with { Groups = Array.Empty<string>() } && Groups.SequenceEqual(other.Groups);
    }

    private static LoggedAgent Logged(AgentProfile agent) =>
        new(agent.DisplayName, agent.Email, agent.Role, agent.MaxConcurrentChats, agent.Groups, !agent.Deleted);

    /// <summary>The changed account, stored; null when there is none.</summary>
    private static async Task<AgentAccount?> UpdateAccountAsync(IDocumentSession session, Guid agentId, Func<AgentAccount, AgentAccount> change,
        CancellationToken ct)
    {
        // Accounts are not tenant documents (a login finds them before it knows the workspace), so any session reaches
        // them; the id is that of this workspace's agent, whose profile was found.
        if (await session.LoadAsync<AgentAccount>(agentId, ct) is not { } account) return null;
        var changed = change(account);
        session.Store(changed);
        return changed;
    }

    /// <summary>A supervisor manages agents, not the admins above them: demoting or deleting an admin is an admin's act.</summary>
    private static IResult OnlyAdminsChangeAdmins => Problems.Forbidden("Only admins change an admin's role or delete an admin.");

    private static IResult UnknownAgent(Guid agentId) => Problems.NotFound($"Agent {agentId} is not an agent of this workspace.");
}
