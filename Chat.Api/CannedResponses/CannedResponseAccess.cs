using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.CannedResponses;
using Marten;

namespace Chat.Api.CannedResponses;

/// <summary>
/// Who may touch which response, and the shortcut claims that keep shortcuts unique. Another agent's personal response
/// is as unknown to the caller as another workspace's; a shared one is read by everyone and changed by supervisors.
/// </summary>
public static class CannedResponseAccess
{
    public static IResult? Refusal(CannedResponse? response, Guid responseId, ClaimsPrincipal user) =>
        response is null || (response.OwnerId is { } owner && owner != user.AgentId()) ? Unknown(responseId)
        : response.IsShared && !user.CanSupervise() ? Problems.Forbidden("Only supervisors and admins change shared canned responses.")
        : null;

    public static IResult Unknown(Guid responseId) => Problems.NotFound($"Canned response {responseId} is not one of yours or your workspace's.");

    /// <summary>
    /// Shortcuts are unique among the workspace's shared responses, and among each agent's personal ones, while not deleted.
    /// A claim document per shortcut, inserted (never stored over), lets the database refuse the second of two at once.
    /// </summary>
    public static string ClaimId(Guid? ownerId, string shortcut) => $"{ownerId?.ToString() ?? "shared"}/{shortcut}";

    public static async Task<IResult?> ClaimAsync(IDocumentSession session, Guid? ownerId, string shortcut, Guid responseId, CancellationToken ct)
    {
        var id = ClaimId(ownerId, shortcut);
        if (await session.LoadAsync<CannedShortcut>(id, ct) is { } held && held.ResponseId != responseId) return Taken(shortcut);
        session.Insert(new CannedShortcut(id, responseId));
        return null;
    }

    public static void Release(IDocumentSession session, Guid? ownerId, string shortcut) => session.Delete<CannedShortcut>(ClaimId(ownerId, shortcut));

    public static IResult Taken(string shortcut) =>
        Problems.Of(StatusCodes.Status409Conflict, "Conflict", $"The shortcut '/{shortcut}' is taken already.");
}

/// <summary>A shortcut in use: by the shared responses ("shared/…") or by one agent's ("&lt;agent id&gt;/…").</summary>
public sealed record CannedShortcut(string Id, Guid ResponseId);
