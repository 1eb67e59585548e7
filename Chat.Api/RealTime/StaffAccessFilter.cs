using Chat.Api.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.RealTime;

/// <summary>
/// On the agent hub: every connection is held by <see cref="StaffConnections"/>, and every call is refused (and the
/// connection closed) once its token has expired or been revoked, before the timer or the revocation gets to it.
/// </summary>
public sealed class StaffAccessFilter(StaffConnections connections, AccessCheck check) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        connections.Hold(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Release(context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocation.Context;
        if (connections.Expired(connection.ConnectionId) || !await check.AdmitsAsync(connection.User!, connection.ConnectionAborted))
        {
            connection.Abort();
            throw HubProblem.Of(StatusCodes.Status401Unauthorized, "Unauthorized", "The access token is expired or revoked: reconnect with a new one.");
        }
        return await next(invocation);
    }
}
