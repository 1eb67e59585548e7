using System.Security.Claims;
using System.Threading.RateLimiting;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.RealTime;

/// <summary>
/// Hub calls bypass the HTTP rate limiter (they arrive on an open socket), so each connection has its own token bucket,
/// and every call also counts against its workspace's ceiling. A refused call is a 429 problem; the connection stays.
/// </summary>
public sealed class HubRateLimitFilter(RateLimits limits, IOptions<ChatOptions> options) : IHubFilter
{
    private static readonly object BucketKey = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        context.Context.Items[BucketKey] = new TokenBucketRateLimiter(RateLimits.PerSecond(options.Value.RateLimits.HubCallsPerSecond));
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items[BucketKey] is IDisposable bucket) bucket.Dispose();
        await next(context, exception);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocation.Context;
        using var own = ((RateLimiter)connection.Items[BucketKey]!).AttemptAcquire();
        if (!own.IsAcquired) throw Refused(own, "this connection");
        using var shared = limits.AcquireForWorkspace(connection.User?.FindFirstValue(ChatClaims.Workspace) ?? "");
        if (!shared.IsAcquired) throw Refused(shared, "this workspace");
        return next(invocation);
    }

    private static HubException Refused(RateLimitLease lease, string whose) =>
        HubProblem.Of(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many calls from {whose}; try again in {RateLimits.RetryAfterSeconds(lease)} s.");
}
