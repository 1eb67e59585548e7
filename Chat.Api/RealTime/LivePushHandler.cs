using Chat.Api.Conversations.Visitors;
using Chat.Api.Operations;
using Chat.Domain.Threads;
using Marten;
using Chat.Projections.Agents;
using Chat.Projections.Live;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.RealTime;

/// <summary>
/// Runs on every node (the messages are fanned out to each), pushing to the connections this node holds.
/// A node handles one conversation's changes one at a time (they are partitioned by conversation), so its
/// facts arrive in stream order while other conversations' pushes go out alongside.
/// </summary>
public static class LivePushHandler
{
    public static async Task Handle(ConversationChanged change, IHubContext<AgentHub> agents, IHubContext<VisitorHub> visitors,
        IDocumentStore store, InboxPushes inboxPushes, ChatMetrics metrics, CancellationToken ct)
    {
        // Named before anything is sent: a failed read sends nothing, so a retry pushes nothing twice.
        IReadOnlyList<LiveEvent> events;
        await using (var session = store.QuerySession(change.WorkspaceId))
            events = await AgentNames.NameAsync(session, [.. change.Events.Select(LiveEventData.Typed)], ct);
        var watchers = agents.Clients.Group(HubGroups.ConversationStaff(change.WorkspaceId, change.ConversationId));
        var visitor = visitors.Clients.Group(HubGroups.Visitor(change.WorkspaceId, change.ConversationId));
        foreach (var e in events)
        {
            await watchers.SendAsync("event", e, ct);
            if (Visibility.ForVisitor(e) is { } seen) await visitor.SendAsync("event", seen, ct);
        }
        metrics.Pushed("event", events.Count);

        var staff = agents.Clients.Group(HubGroups.Staff(change.WorkspaceId));
        if (change.Inbox is { } item) inboxPushes.Add(change.WorkspaceId, item);
        if (change.NewlyWaiting && change.Inbox is { } waiting) await staff.SendAsync("waiting", waiting, ct);
    }

    public static Task Handle(TypingSignal typing, IHubContext<AgentHub> agents, IHubContext<VisitorHub> visitors, CancellationToken ct)
    {
        var push = new TypingPush(typing.ConversationId, typing.Side, typing.Who, typing.ExpiresAt);
        var watchers = agents.Clients.Group(HubGroups.ConversationStaff(typing.WorkspaceId, typing.ConversationId));
        return typing.Side == ReaderSide.Visitor
            ? watchers.SendAsync("typing", push, ct)
            : Task.WhenAll(
                visitors.Clients.Group(HubGroups.Visitor(typing.WorkspaceId, typing.ConversationId)).SendAsync("typing", push, ct),
                watchers.SendAsync("typing", push, ct));
    }

    public static async Task Handle(Routing.QueueChanged queue, IHubContext<VisitorHub> visitors, IHubContext<AgentHub> agents,
        ChatMetrics metrics, CancellationToken ct)
    {
        metrics.Pushed("queue");
        foreach (var place in queue.Places)
            await visitors.Clients.Group(HubGroups.Visitor(queue.WorkspaceId, place.ConversationId)).SendAsync("queue", place, ct);
        await agents.Clients.Group(HubGroups.Staff(queue.WorkspaceId)).SendAsync("queue", queue.Places, ct);
    }

    public static Task Handle(AgentPresenceChanged presence, IHubContext<AgentHub> agents, CancellationToken ct) =>
        agents.Clients.Group(HubGroups.Staff(presence.WorkspaceId)).SendAsync("presence", presence, ct);
}
