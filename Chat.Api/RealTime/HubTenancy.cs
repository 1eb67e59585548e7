using Microsoft.AspNetCore.SignalR;
using Wolverine;
using Wolverine.Http;

namespace Chat.Api.RealTime;

/// <summary>
/// A hub call is no Wolverine HTTP endpoint, but its connection's request is: Wolverine's tenant detection names the
/// workspace from that request's token, by the same rule as for the endpoints, and the hub's bus runs in it.
/// </summary>
public static class HubTenancy
{
    public static async Task<IMessageBus> InCallersWorkspaceAsync(this IMessageBus bus, HubCallerContext caller, WolverineHttpOptions http)
    {
        var request = caller.GetHttpContext() ?? throw HubProblem.Of(401, "Unauthorized", "The connection has no request to read the token of.");
        bus.TenantId = await http.TryDetectTenantId(request) ?? throw HubProblem.Of(401, "Unauthorized", "The token names no workspace.");
        return bus;
    }
}
