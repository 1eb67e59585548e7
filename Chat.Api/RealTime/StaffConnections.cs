using System.Collections.Concurrent;
using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.RealTime;

/// <summary>
/// The staff hub connections this node holds, each with the access token it was opened with. A connection lives no
/// longer than its token: a timer closes it at the token's expiry, and the client reconnects with a renewed one. A
/// revocation heard on the live exchange closes the connections whose tokens it ends; every
/// <c>Chat:Auth:AccessCheckSeconds</c> the rest are checked again, so a node that missed that message closes them late,
/// never not at all.
/// </summary>
public sealed class StaffConnections(AccessCheck check, TimeProvider clock, IOptions<ChatOptions> options,
    ILogger<StaffConnections> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Held> held = new();

    public void Hold(HubCallerContext connection)
    {
        var user = connection.User!;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(user.FindFirstValue("exp")!));
        var left = expiresAt - clock.GetUtcNow();
        var expiry = clock.CreateTimer(_ => connection.Abort(), null, left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        held[connection.ConnectionId] = new Held(connection, user.AgentId(), user.FindFirstValue(ChatClaims.Stamp) ?? "", user.SessionId(),
            expiresAt, expiry);
    }

    public void Release(string connectionId)
    {
        if (held.TryRemove(connectionId, out var gone)) gone.Expiry.Dispose();
    }

    public bool Expired(string connectionId) => held.TryGetValue(connectionId, out var connection) && connection.ExpiresAt <= clock.GetUtcNow();

    /// <summary>Closes this node's connections on the tokens the revocation ends.</summary>
    public void Close(AccessRevoked revoked)
    {
        var closed = 0;
        foreach (var connection in held.Values.Where(c => c.AgentId == revoked.AgentId && revoked.Ends(c.Stamp, c.SessionId)))
        {
            connection.Context.Abort();
            closed++;
        }
        if (closed > 0) logger.LogInformation("Closed {Count} hub connections of agent {AgentId} whose access was revoked", closed, revoked.AgentId);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Auth.AccessCheckSeconds), clock);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                foreach (var connection in held.Values)
                    if (!await check.AdmitsAsync(connection.Context.User!, stopping))
                        connection.Context.Abort();
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(e, "Checking the access of this node's hub connections failed; trying again in {Seconds} s",
                    options.Value.Auth.AccessCheckSeconds);
            }
        }
    }

    private sealed record Held(HubCallerContext Context, Guid AgentId, string Stamp, Guid? SessionId, DateTimeOffset ExpiresAt, ITimer Expiry);
}
