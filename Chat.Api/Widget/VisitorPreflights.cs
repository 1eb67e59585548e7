using Chat.Api.Workspaces;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Chat.Api.Widget;

/// <summary>
/// The CORS middleware's policies. A preflight carries no body and no token, so it cannot name the workspace: it is
/// granted to an origin that at least one workspace allows, for the visitor surface only, and grants nothing by itself.
/// The request that follows is checked against its own workspace (<see cref="OriginGate"/>, the session start) and is
/// refused with 403 when that workspace does not allow its origin. Staff paths get no policy: no CORS headers ever.
/// </summary>
public sealed class VisitorPreflights(WorkspaceOrigins origins) : ICorsPolicyProvider
{
    private static readonly CorsPolicy Refused = new CorsPolicyBuilder().Build();

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method) || !request.Headers.ContainsKey("Access-Control-Request-Method")
            || !VisitorSurface.Contains(request.Path))
            return null;
        var origin = request.Headers.Origin.ToString();
        return await origins.AnyWorkspaceAllowsAsync(origin, context.RequestAborted)
            ? new CorsPolicyBuilder().WithOrigins(origin).AllowAnyHeader().AllowAnyMethod()
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10)).Build()
            : Refused;
    }
}
