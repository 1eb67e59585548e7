using Chat.Domain.Agents;

namespace Chat.Domain.Routing;

/// <summary>A waiting thread's place in its group's queue: shown to its visitor and pushed on every change.</summary>
public sealed record QueuePlace(Guid ConversationId, Guid ThreadId, string Group, int Position, int EstimatedWaitSeconds);

/// <summary>
/// Where each waiting thread stands and how long it may still wait. Every full round of the agents who could take
/// a group's threads (online, connected, in the group, with a seat at all) handles one thread each in the average
/// handling time, so the n-th in line waits ceil(n / agents) handling times; a group nobody serves counts one agent.
/// </summary>
public static class WaitEstimate
{
    /// <param name="queue">The threads still waiting after the decision, oldest first.</param>
    public static IReadOnlyList<QueuePlace> Places(IReadOnlyList<WaitingThread> queue, IReadOnlyList<AgentSeat> agents,
        Func<string, GroupRouting> groupOf, int averageHandleSeconds) =>
    [
        .. queue.GroupBy(t => groupOf(t.Group).Id).SelectMany(group =>
        {
            var servers = Math.Max(1, agents.Count(a => a.Groups.Contains(group.Key) && a.Status == AgentStatus.Online && a.Connected && a.Limit > 0));
            return group.Select((thread, index) => new QueuePlace(thread.ConversationId, thread.ThreadId, group.Key, index + 1,
                (int)Math.Ceiling((index + 1) / (double)servers) * averageHandleSeconds));
        }),
    ];
}
