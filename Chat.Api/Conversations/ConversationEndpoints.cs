using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Chat.Api.Conversations;

/// <summary>
/// The conversation commands' routes are Wolverine HTTP endpoints, one in each use case's file next to its handler.
/// Wolverine detects each request's workspace from the token's workspace claim and runs the endpoint's
/// <c>IMessageBus</c> in it, so the handler the endpoint invokes opens its session, lock and outbox in that workspace.
/// </summary>
public static class ConversationEndpoints
{
    public static void ConfigureConversationEndpoints(this WolverineHttpOptions http)
    {
        http.RoutePrefix("api");
        http.TenantId.IsClaimTypeNamed(ChatClaims.Workspace);
        // Every route needs a token, and every token names its workspace: a command never runs outside one.
        http.TenantId.AssertExists();
        http.AddParameterHandlingStrategy(new JsonBodyStrategy());
        http.AddMiddleware(typeof(RouteValues));
    }

    public static IServiceCollection AddConversationEndpoints(this IServiceCollection services) =>
        services.AddWolverineHttp()
            .AddSingleton<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionProvider, JsonBodyDescriptions>();

    /// <summary>Route values obey the same rules as on every other route of the API (<see cref="UrlValueFilter"/>).</summary>
    public static class RouteValues
    {
        public static ProblemDetails Before(HttpContext context)
        {
            foreach (var (name, value) in context.Request.RouteValues)
                if (value is string text && UrlValueFilter.TextProblem(name, text) is { } problem)
                    return new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid request", Detail = problem };
            return WolverineContinue.NoProblems;
        }
    }
}
