using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Macros;
using Chat.Projections.CannedResponses;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.Macros;

public sealed record MacroRequest(string? Name, MacroScope? Scope, IReadOnlyList<MacroAction>? Actions);

/// <summary>
/// The macros of a workspace: shared ones that supervisors and admins keep, personal ones that each agent keeps for
/// themself. Every change is an event on the macro's own stream; the list is its inline snapshot.
/// </summary>
public static class MacroEndpoints
{
    public static RouteGroupBuilder MapMacros(this RouteGroupBuilder staff)
    {
        var macros = staff.MapGroup("/macros").RequireAuthorization(Policies.WorkConversations).WithTags("Macros");
        macros.MapGet("", ListAsync);
        macros.MapPost("", CreateAsync);
        macros.MapPut("/{macroId:guid}", ChangeAsync);
        macros.MapDelete("/{macroId:guid}", (Guid macroId, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            SetDeletedAsync(macroId, true, user, store, clock, ct));
        macros.MapPost("/{macroId:guid}/restore", (Guid macroId, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            SetDeletedAsync(macroId, false, user, store, clock, ct));
        return staff;
    }

    /// <summary>The macros the caller may run (shared, and their own personal ones), by name.</summary>
    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct, bool includeDeleted = false)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        var me = user.AgentId();
        var all = await session.Query<Macro>().Where(m => m.Scope == MacroScope.Shared || m.OwnerId == me).ToListAsync(ct);
        return Results.Ok(all.Where(m => includeDeleted || !m.Deleted).OrderBy(m => m.Scope).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase));
    }

    private static async Task<IResult> CreateAsync(MacroRequest request, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock,
        IOptions<ChatOptions> options, CancellationToken ct)
    {
        var (name, actions, rejection) = MacroDefinition.Check(request.Name, request.Actions, options.Value.Messages.MaxLength);
        if (rejection is not null) return Problems.From(rejection);
        var scope = request.Scope ?? MacroScope.Personal;
        if (scope == MacroScope.Shared && !user.CanSupervise()) return Problems.Forbidden("Only supervisors and admins keep shared macros.");

        await using var session = store.LightweightSession(user.WorkspaceId());
        var owner = scope == MacroScope.Personal ? user.AgentId() : (Guid?)null;
        if (await MissingTargetAsync(session, actions!, owner, ct) is { } missing) return missing;
        if (await NameTakenAsync(session, name!, scope, owner, null, ct)) return NameTaken(name!);

        var created = new MacroCreated(Guid.CreateVersion7(), name!, scope, owner, actions!, user.AgentId().ToString(), clock.GetUtcNow());
        session.Events.StartStream<Macro>(created.MacroId, created);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/macros/{created.MacroId}", Macro.Create(created));
    }

    private static async Task<IResult> ChangeAsync(Guid macroId, MacroRequest request, ClaimsPrincipal user, IDocumentStore store,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        var (name, actions, rejection) = MacroDefinition.Check(request.Name, request.Actions, options.Value.Messages.MaxLength);
        if (rejection is not null) return Problems.From(rejection);
        await using var session = store.LightweightSession(user.WorkspaceId());
        var (stream, refusal) = await FetchForChangeAsync(session, macroId, user, ct);
        if (refusal is not null) return refusal;
        var macro = stream!.Aggregate!;
        if (request.Scope is { } scope && scope != macro.Scope) return Problems.Invalid("A macro's scope does not change; create a new one.");
        if (await MissingTargetAsync(session, actions!, macro.OwnerId, ct) is { } missing) return missing;
        if (await NameTakenAsync(session, name!, macro.Scope, macro.OwnerId, macro.Id, ct)) return NameTaken(name!);

        var changed = new MacroChanged(macroId, name!, actions!, user.AgentId().ToString(), clock.GetUtcNow());
        stream.AppendOne(changed);
        await session.SaveChangesAsync(ct);
        return Results.Ok(macro.Apply(changed));
    }

    private static async Task<IResult> SetDeletedAsync(Guid macroId, bool delete, ClaimsPrincipal user, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession(user.WorkspaceId());
        var (stream, refusal) = await FetchForChangeAsync(session, macroId, user, ct);
        if (refusal is not null) return refusal;
        var macro = stream!.Aggregate!;
        if (macro.Deleted == delete) return delete ? Results.NoContent() : Results.Ok(macro);
        if (!delete && await NameTakenAsync(session, macro.Name, macro.Scope, macro.OwnerId, macro.Id, ct)) return NameTaken(macro.Name);
        object change = delete
            ? new MacroDeleted(macroId, user.AgentId().ToString(), clock.GetUtcNow())
            : new MacroRestored(macroId, user.AgentId().ToString(), clock.GetUtcNow());
        stream.AppendOne(change);
        await session.SaveChangesAsync(ct);
        return delete ? Results.NoContent() : Results.Ok(macro with { Deleted = false });
    }

    /// <summary>
    /// The macro's stream for a change: another agent's personal macro is a 404 (it is not theirs to know of), a shared
    /// one is a 403 for a plain agent. Marten checks the version at commit, so two changes at once cannot both land.
    /// </summary>
    private static async Task<(JasperFx.Events.IEventStream<Macro>?, IResult?)> FetchForChangeAsync(IDocumentSession session, Guid macroId,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Macro>(macroId, ct);
        if (stream.Aggregate is not { } macro || !macro.IsVisibleTo(user.AgentId()))
            return (null, Problems.NotFound($"Macro {macroId} does not exist."));
        if (!macro.MayBeChangedBy(user.AgentId(), user.CanSupervise()))
            return (null, Problems.Forbidden("Only supervisors and admins change shared macros."));
        return (stream, null);
    }

    /// <summary>
    /// The agents, groups and canned responses a macro names must exist when it is saved (and are checked again when it
    /// runs); a shared macro sends shared responses only, a personal one its owner's too.
    /// </summary>
    internal static async Task<IResult?> MissingTargetAsync(IQuerySession session, IReadOnlyList<MacroAction> actions, Guid? owner,
        CancellationToken ct)
    {
        foreach (var action in actions.Where(a => a.Step == MacroStep.Canned))
            if (await CannedFor(session, action.CannedResponseId!.Value, owner, ct) is null)
                return Problems.NotFound($"Canned response {action.CannedResponseId} is not one of yours or your workspace's.");
        foreach (var action in actions.Where(a => a.Step == MacroStep.Assign))
        {
            if (action.AgentId is { } agentId && !await Assignable.IsAgentAsync(session, agentId, ct))
                return Problems.NotFound($"Agent {agentId} is not an agent of this workspace.");
            if (action.Group is { } group && await Groups.MissingAsync(session, [group], ct) is not null)
                return Problems.NotFound($"No group '{group}' in this workspace.");
        }
        return null;
    }

    /// <summary>A canned response the owner (null: the whole workspace) may send, or null.</summary>
    internal static async Task<CannedResponseView?> CannedFor(IQuerySession session, Guid responseId, Guid? owner, CancellationToken ct) =>
        await session.LoadAsync<CannedResponseView>(responseId, ct) is { Deleted: false } response
        && (response.OwnerId is null || response.OwnerId == owner) ? response : null;

    private static async Task<bool> NameTakenAsync(IQuerySession session, string name, MacroScope scope, Guid? owner, Guid? except,
        CancellationToken ct)
    {
        var same = await session.Query<Macro>()
            .Where(m => m.Scope == scope && m.OwnerId == owner && !m.Deleted && m.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            .ToListAsync(ct);
        return same.Any(m => m.Id != except);
    }

    private static IResult NameTaken(string name) =>
        Problems.Of(StatusCodes.Status409Conflict, "Conflict", $"A macro named '{name}' exists already.");
}
