using Chat.Api.Infrastructure;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;

namespace Chat.Api.Agents;

/// <summary>
/// Keeps this node's lease alive, drops the agent connections of nodes whose lease ran out, and takes
/// offline the agents whose last connection has been gone for the grace period. A node
/// killed, crashed or cut off runs no disconnect for its connections; the others (or its own next start,
/// which comes up with a new id) drop them within a lease and a renewal, each through the same path as a
/// disconnect: the agent goes offline after the grace period unless connected elsewhere.
/// </summary>
public sealed class NodeLeases(IDocumentStore store, ThisNode node, IServiceScopeFactory scopes, TimeProvider clock,
    IOptions<ChatOptions> options, ILogger<NodeLeases> logger) : BackgroundService
{
    private PresenceOptions Settings => options.Value.Presence;
    private TimeSpan Lease => TimeSpan.FromSeconds(Settings.LeaseSeconds);
    private bool claimed;

    /// <summary>The lease is taken before the server accepts connections, so that none is stored under a node without one.</summary>
    public override async Task StartAsync(CancellationToken ct)
    {
        await RenewAsync(ct);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Settings.RenewSeconds), clock);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await RenewAsync(stopping);
                await SweepAsync(stopping);
                await CheckAbsencesAsync(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(e, "Renewing this node's lease or sweeping stopped nodes failed; trying again in {Seconds} s", Settings.RenewSeconds);
            }
        }
    }

    /// <summary>A node that stops in order ends its lease at once: whatever connections it leaves are dropped at the next sweep.</summary>
    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        try
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<NodeLease>(node.Id, ct) is { } lease)
            {
                session.Update(lease with { ExpiresAt = clock.GetUtcNow() });
                await session.SaveChangesAsync(ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not end this node's lease on the way out; it runs out in {Seconds} s", Settings.LeaseSeconds);
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var lease = await session.LoadAsync<NodeLease>(node.Id, ct);
        if (lease is null && !claimed) session.Insert(new NodeLease(node.Id, now, now + Lease));
        else if (lease is null || lease.ExpiresAt <= now) await StartOverAsync(now, ct);
        else session.Update(lease with { ExpiresAt = now + Lease });
        try
        {
            await session.SaveChangesAsync(ct);
            claimed = true;
        }
        catch (NonExistentDocumentException)
        {
            // Swept between the load and the update.
            await StartOverAsync(now, ct);
        }
    }

    private async Task StartOverAsync(DateTimeOffset now, CancellationToken ct)
    {
        var lost = node.Id;
        var fresh = node.StartOver();
        logger.LogWarning("This node's lease {Lost} ran out while it was cut off; its agent connections were closed to reconnect under {Fresh}",
            lost, fresh);
        await using var session = store.LightweightSession();
        session.Insert(new NodeLease(fresh, now, now + Lease));
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Agents gone for longer than the grace period go offline, unless they came back meanwhile.</summary>
    private async Task CheckAbsencesAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddSeconds(-Settings.OfflineGraceSeconds);
        await using var query = store.QuerySession();
        var due = await query.Query<AgentAbsence>().Where(a => a.AnyTenant() && a.Since <= cutoff).ToListAsync(ct);
        foreach (var absence in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PresenceTracker>().CheckAsync(absence.WorkspaceId, absence.Id, ct);
        }
    }

    /// <summary>
    /// Drops the connections of every node whose lease ran out. Expired leases stay a while as tombstones:
    /// a node that comes back after being swept may store a connection under its old id before its next
    /// renewal tells it to start over, and the next sweeps still find that one.
    /// </summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var query = store.QuerySession();
        var expired = await query.Query<NodeLease>().Where(l => l.ExpiresAt <= now).Select(l => l.Id).ToListAsync(ct);
        if (expired.Count == 0) return;

        var orphaned = await query.Query<AgentConnection>().Where(c => c.AnyTenant() && expired.Contains(c.NodeId)).ToListAsync(ct);
        foreach (var agent in orphaned.GroupBy(c => (c.WorkspaceId, c.AgentId)))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PresenceTracker>()
                .DropAsync(agent.Key.WorkspaceId, agent.Key.AgentId, [.. agent.Select(c => c.Id)], ct);
        }
        if (orphaned.Count > 0)
            logger.LogInformation("Dropped {Connections} agent connections of {Nodes} stopped nodes", orphaned.Count, orphaned.DistinctBy(c => c.NodeId).Count());

        await using var session = store.LightweightSession();
        var forgetBefore = now - 10 * Lease;
        session.DeleteWhere<NodeLease>(l => l.ExpiresAt < forgetBefore);
        await session.SaveChangesAsync(ct);
    }
}
