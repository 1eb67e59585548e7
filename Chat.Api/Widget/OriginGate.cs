using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.Workspaces;

namespace Chat.Api.Widget;

/// <summary>
/// Checks the Origin of every request after authentication, before anything runs. On the visitor API and the visitor
/// hub (its negotiate and its WebSocket handshake alike) the visitor token's workspace decides. The session start names
/// its workspace in its body, so its endpoint checks there. Staff endpoints never answer cross-origin: a foreign origin
/// is refused on every state-changing method and on the agent hub; a foreign read gets no CORS headers, so the browser
/// shows it to no other site.
/// </summary>
public static class OriginGate
{
    public static IApplicationBuilder UseOriginGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!CrossOrigin.IsForeign(context.Request, out _) || VisitorSurface.ChecksOwnOrigin(path))
        {
            await next(context);
            return;
        }

        IResult? refusal;
        if (VisitorSurface.Contains(path))
        {
            // Without a valid visitor token the request goes on to its 401; a token names the workspace to ask.
            var workspaceId = context.User.FindFirst(ChatClaims.Workspace)?.Value;
            if (workspaceId is null) LetThePageReadA401(context);
            refusal = workspaceId is null
                ? null
                : VisitorSurface.Admit(context, await context.RequestServices.GetRequiredService<WorkspaceOrigins>()
                    .OfWorkspaceAsync(workspaceId, context.RequestAborted));
        }
        else
        {
            var reads = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                        || HttpMethods.IsOptions(context.Request.Method);
            refusal = reads && !path.StartsWithSegments("/hubs")
                ? null
                : Problems.Forbidden("Staff endpoints do not answer requests from other sites.");
        }

        if (refusal is null) await next(context);
        else await refusal.ExecuteAsync(context);
    });

    /// <summary>
    /// A widget whose token expired must learn it from the 401 (and renew the token) rather than take the answer the
    /// browser hides for a network fault. The 401 says nothing but that, so any page may read it.
    /// </summary>
    private static void LetThePageReadA401(HttpContext context) => context.Response.OnStarting(() =>
    {
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && CrossOrigin.IsForeign(context.Request, out var origin))
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.AccessControlExposeHeaders = "WWW-Authenticate";
            context.Response.Headers.Vary = "Origin";
        }
        return Task.CompletedTask;
    });
}
