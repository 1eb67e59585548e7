using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Identity.TwoFactor;

/// <summary>
/// A workspace that requires a second factor lets an agent without one sign in, but their access tokens carry the claim
/// <c>enrol_2fa</c> and reach only their own account (who they are, the second factor, password, sessions) and signing out;
/// everything else, the hubs included, is a 403. The claim is decided whenever a token is issued, so a token renewed after
/// enrolling is whole again, and one renewed after the requirement was turned on is limited (within AccessTokenMinutes).
/// </summary>
public static class EnrolmentGate
{
    private static readonly string[] OwnAccountPaths =
        ["/api/auth/me", "/api/auth/2fa", "/api/auth/password", "/api/auth/sessions", "/api/auth/refresh", "/api/auth/logout"];

    public static async Task<bool> MustEnrolAsync(IQuerySession session, AgentAccount agent, CancellationToken ct) =>
        await MustEnrolAsync(session, agent, await session.LoadAsync<TwoFactorState>(agent.Id, ct), ct);

    /// <summary>With the agent's second factor already read: the workspace is read only for an agent without one.</summary>
    public static async Task<bool> MustEnrolAsync(IQuerySession session, AgentAccount agent, TwoFactorState? state, CancellationToken ct) =>
        !TwoFactorState.IsOn(state) && (await session.LoadAsync<Workspace>(agent.WorkspaceId, ct))?.RequireTwoFactor == true;

    public static IApplicationBuilder UseEnrolmentGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(ChatClaims.EnrolTwoFactor, "required")
            && !OwnAccountPaths.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            await Problems.Of(StatusCodes.Status403Forbidden, "Two-factor enrolment required",
                "Your workspace requires two-factor sign-in: turn it on in your account first.").ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
