using Chat.Domain.Threads;
using Chat.Projections.Inbox;
using Marten;

namespace Chat.Api.Agents;

/// <summary>How many open chats each agent of a workspace holds, read from the inbox.</summary>
public static class AgentLoads
{
    public static async Task<IReadOnlyDictionary<Guid, int>> OpenChatsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<InboxItem>().Where(i => i.Status != ThreadStatus.Closed && i.AssigneeId != null).ToListAsync(ct))
            .GroupBy(i => i.AssigneeId!.Value).ToDictionary(g => g.Key, g => g.Count());
}
