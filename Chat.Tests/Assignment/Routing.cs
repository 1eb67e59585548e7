using System.Text.Json;
using Alba;
using Chat.Api.Catalog;
using Chat.Api.Conversations.Reading;
using Chat.Api.Routing;
using Chat.Api.Webhooks;
using Chat.Domain.Routing;
using Chat.Projections.Inbox;
using Chat.Tests.Support;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;

namespace Chat.Tests.Assignment;

/// <summary>Steps of the routing specifications: act, then wait until every message it caused has been handled.</summary>
public static class Routing
{
    /// <summary>
    /// Runs the action and waits, by Wolverine's message tracking, until routing has settled. Every failure
    /// counts except a webhook delivery that other specifications' receivers, gone by now, refuse: that is
    /// retried by design and says nothing about routing.
    /// </summary>
    public static async Task<ITrackedSession> SettledAsync(this ChatApp app, Func<Task> act)
    {
        var session = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(90)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((IMessageContext _) => act());
        session.AllExceptions().Where(e => e is not WebhookDeliveryFailed).ShouldBeEmpty();
        return session;
    }

    /// <summary>The deadlines that an arrival scheduled for this conversation; the shared host may hold others.</summary>
    public static IReadOnlyList<T> DeadlinesOf<T>(this ITrackedSession arrival, TestVisitor visitor) where T : IConversationDeadline =>
        [.. arrival.Scheduled.MessagesOf<T>().Where(d => d.ConversationId == visitor.ConversationId).Distinct()];

    /// <summary>
    /// Lets this conversation's scheduled deadlines come due now, as they would when their time has passed: each is
    /// delivered as it was scheduled, with its workspace as the tenant.
    /// </summary>
    public static Task DeadlinesComeDueAsync(this ChatApp app, ITrackedSession arrival, TestVisitor visitor) =>
        app.SettledAsync(async () =>
        {
            var bus = app.Host.MessageBus();
            var due = arrival.Scheduled.Envelopes()
                .Where(e => e.Message is IConversationDeadline d && d.ConversationId == visitor.ConversationId)
                .DistinctBy(e => e.Message);
            foreach (var envelope in due) await bus.PublishAsync(envelope.Message, new DeliveryOptions { TenantId = envelope.TenantId });
        });

    /// <summary>The agents open the dashboard (a live connection) and say they are online.</summary>
    public static Task GoOnlineAsync(this ChatApp app, params TestAgent[] agents) =>
        app.SettledAsync(() => Task.WhenAll(agents.Select(async a =>
        {
            await app.ConnectAgentAsync(a);
            await app.Api().SendAsync(HttpMethod.Put, "/api/agents/me/status", new { status = "Online" }, a.Token, 204);
        })));

    public static Task GoOfflineAsync(this ChatApp app, TestAgent agent) =>
        app.SettledAsync(() => app.Api().SendAsync(HttpMethod.Put, "/api/agents/me/status", new { status = "Offline" }, agent.Token, 204));

    public static Task SetLimitAsync(this ChatApp app, TestWorkspace workspace, TestAgent agent, int limit) =>
        app.SettledAsync(() => app.Api().SendAsync(HttpMethod.Patch, $"/api/agents/{agent.Id}", new { maxConcurrentChats = limit },
            workspace.Admin.Token, 200));

    public static async Task<InboxItem> RoutedAsync(this ChatApp app, TestWorkspace workspace, TestVisitor visitor) =>
        await app.InboxItemAsync(workspace.Admin, visitor.ConversationId);

    /// <summary>The routing decision recorded in the thread's history, as an auditor reads it.</summary>
    public static async Task<JsonElement> RoutingDecisionAsync(this ChatApp app, TestWorkspace workspace, InboxItem item)
    {
        var history = await app.ThreadEventsAsync(workspace.Auditor, item.Id, item.ThreadId);
        return (JsonElement)history.Last(e => e.Type == "thread_routed").Data;
    }

    public static Task<List<QueuePlace>> QueueAsync(this ChatApp app, TestWorkspace workspace) =>
        app.Api().GetAsync<List<QueuePlace>>("/api/queue", workspace.Admin.Token);

    public static Task CreateGroupAsync(this ChatApp app, TestWorkspace workspace, string id, RoutingStrategy strategy,
        RoutingStrategy fallback = RoutingStrategy.RoundRobin) =>
        app.Api().PostAsync<RoutingGroup>("/api/groups", new { id, name = id, strategy, fallback }, workspace.Admin.Token, 201);

    public static Task JoinAsync(this ChatApp app, TestWorkspace workspace, string group, params TestAgent[] agents) =>
        Task.WhenAll(agents.Select(a => app.Api().PutAsync<AgentProfile>($"/api/groups/{group}/members/{a.Id}", null, workspace.Admin.Token)));
}
