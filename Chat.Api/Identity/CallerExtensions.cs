using System.Security.Claims;
using Chat.Domain;

namespace Chat.Api.Identity;

/// <summary>Reads who is calling from the validated token's claims.</summary>
public static class CallerExtensions
{
    public static string WorkspaceId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ChatClaims.Workspace) ?? throw new InvalidOperationException("Token without workspace.");

    public static string SubjectId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ChatClaims.Subject) ?? throw new InvalidOperationException("Token without subject.");

    public static Guid AgentId(this ClaimsPrincipal user) => Guid.Parse(user.SubjectId());

    /// <summary>The session family the caller's access token belongs to; null for a token issued without one.</summary>
    public static Guid? SessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ChatClaims.Session), out var id) ? id : null;

    public static Actor AsAgent(this ClaimsPrincipal user) => Actor.Agent(user.AgentId());

    public static bool CanSupervise(this ClaimsPrincipal user) => user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);
}
