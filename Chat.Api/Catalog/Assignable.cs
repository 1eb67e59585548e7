using Chat.Api.Identity;
using Marten;

namespace Chat.Api.Catalog;

public static class Assignable
{
    /// <summary>Whether chats may be given to this agent: one of this workspace's, not deleted, not an auditor.</summary>
    public static async Task<bool> IsAgentAsync(IQuerySession workspaceSession, Guid agentId, CancellationToken ct) =>
        await workspaceSession.LoadAsync<AgentProfile>(agentId, ct) is { Deleted: false } agent && agent.Role != Roles.Auditor;
}
