namespace Chat.Api.RealTime;

/// <summary>The SignalR groups a connection may join; every name carries the workspace.</summary>
public static class HubGroups
{
    /// <summary>All staff connections of a workspace: inbox changes, new waiting chats, presence.</summary>
    public static string Staff(string workspaceId) => $"staff:{workspaceId}";

    /// <summary>Staff who have a conversation open: every fact of it, private notes included.</summary>
    public static string ConversationStaff(string workspaceId, Guid conversationId) => $"staff:{workspaceId}:{conversationId}";

    /// <summary>The visitor's own connections: the facts visitors may see.</summary>
    public static string Visitor(string workspaceId, Guid conversationId) => $"visitor:{workspaceId}:{conversationId}";
}
