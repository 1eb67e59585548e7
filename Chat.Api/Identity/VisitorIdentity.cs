using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Chat.Domain.Conversations.Starting;

namespace Chat.Api.Identity;

/// <summary>A visitor has one conversation per workspace; its id follows from the visitor's id.</summary>
public static class VisitorIdentity
{
    public static Guid ConversationIdFor(string workspaceId, string visitorId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"conversation/{workspaceId}/{visitorId}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static Guid ConversationId(this ClaimsPrincipal visitor) =>
        ConversationIdFor(visitor.WorkspaceId(), visitor.SubjectId());

    public static VisitorProfile Profile(this ClaimsPrincipal visitor) => new(
        visitor.SubjectId(),
        NullIfEmpty(visitor.FindFirstValue(ChatClaims.Name)),
        NullIfEmpty(visitor.FindFirstValue(ChatClaims.Email)),
        visitor.FindFirstValue(ChatClaims.Source) ?? "widget",
        visitor.FindFirstValue(ChatClaims.Group) ?? WidgetSessions.DefaultGroup,
        visitor.FindFirstValue(ChatClaims.Verified) == "true");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
