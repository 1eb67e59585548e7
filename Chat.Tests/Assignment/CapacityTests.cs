using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Domain.Threads;
using Chat.Projections.Inbox;
using Chat.Tests.Support;

namespace Chat.Tests.Assignment;

[Collection(ChatAppCollection.Name)]
public sealed class CapacityTests(ChatApp app)
{
    private async Task<List<TestAgent>> HireAsync(TestWorkspace workspace, int count, int limit)
    {
        var hired = new List<TestAgent>();
        for (var i = 0; i < count; i++)
        {
            var email = $"hire{i}-{Guid.NewGuid():N}@{workspace.Id}.test";
            var profile = await app.Api().PostAsync<AgentProfile>("/api/agents",
                new { email, displayName = $"Hire {i}", role = Roles.Agent, password = TestAgent.Password, maxConcurrentChats = limit },
                workspace.Admin.Token, 201);
            var tokens = await app.Api().PostAsync<TokenPair>("/api/auth/login", new { email, password = TestAgent.Password }, null);
            hired.Add(new TestAgent(new AgentAccount(profile.Id, workspace.Id, email, profile.DisplayName, profile.Role, "", profile.CreatedAt), tokens.AccessToken));
        }
        return hired;
    }

    private async Task<List<InboxItem>> InboxAsync(TestWorkspace workspace)
    {
        var items = new List<InboxItem>();
        string? cursor = null;
        do
        {
            var page = await app.Api().GetAsync<Chat.Api.Inbox.InboxPage>($"/api/inbox?limit=100{(cursor is null ? "" : $"&cursor={cursor}")}", workspace.Admin.Token);
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task A_hundred_chats_at_once_with_five_agents_of_limit_three_fill_fifteen_seats_and_queue_the_rest_in_order()
    {
        var workspace = await app.NewWorkspaceAsync();
        var agents = await HireAsync(workspace, 5, limit: 3);
        await app.GoOnlineAsync([.. agents]);
        var visitors = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => workspace.NewVisitorAsync($"Visitor {i}")));

        await app.SettledAsync(() => Task.WhenAll(visitors.Select(v => v.SendAsync("Hello, anyone?"))));

        var inbox = await InboxAsync(workspace);
        inbox.Count.ShouldBe(100);
        var assigned = inbox.Where(i => i.AssigneeId is not null).ToList();
        assigned.Count.ShouldBe(15);
        assigned.GroupBy(i => i.AssigneeId).Select(g => g.Count()).ShouldAllBe(n => n == 3);
        var queue = await app.QueueAsync(workspace);
        queue.Count.ShouldBe(85);
        queue.Select(p => p.Position).ShouldBe(Enumerable.Range(1, 85));
        var arrivalOrder = inbox.Where(i => i.AssigneeId is null).OrderBy(i => i.LastActivitySequence).Select(i => i.Id);
        queue.Select(p => p.ConversationId).ShouldBe(arrivalOrder);
        foreach (var item in assigned)
        {
            var decision = await app.RoutingDecisionAsync(workspace, item);
            var chosen = decision.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("verdict").GetString() == "chosen");
            chosen.GetProperty("load").GetInt32().ShouldBeLessThan(chosen.GetProperty("limit").GetInt32());
        }

        // Each agent closes one chat: the five oldest waiting threads go next, in order.
        var closing = assigned.GroupBy(i => i.AssigneeId).Select(g => (agent: agents.Single(a => a.Id == g.Key), item: g.First())).ToList();
        await app.SettledAsync(() => Task.WhenAll(closing.Select(c =>
            app.CommandAsync(c.agent, HttpMethod.Post, $"/api/conversations/{c.item.Id}/close", new { reason = "done" }))));

        var after = await InboxAsync(workspace);
        var nowServed = after.Where(i => i.AssigneeId is not null && i.Status != ThreadStatus.Closed).ToList();
        nowServed.Count.ShouldBe(15);
        nowServed.GroupBy(i => i.AssigneeId).Select(g => g.Count()).ShouldAllBe(n => n == 3);
        var fresh = nowServed.Select(i => i.Id).Except(assigned.Select(i => i.Id)).ToList();
        fresh.Select(id => queue.FindIndex(p => p.ConversationId == id)).Order().ShouldBe([0, 1, 2, 3, 4]);
        fresh.ShouldBe(queue.Take(5).Select(p => p.ConversationId), ignoreOrder: true);
        var remaining = await app.QueueAsync(workspace);
        remaining.Select(p => p.ConversationId).ShouldBe(queue.Skip(5).Select(p => p.ConversationId));
    }

    [Fact]
    public async Task Raising_a_limit_or_coming_online_lets_the_oldest_waiting_thread_through()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.SetLimitAsync(workspace, workspace.Agent, 1);
        await app.GoOnlineAsync(workspace.Agent);
        var first = await workspace.NewVisitorAsync("First");
        var second = await workspace.NewVisitorAsync("Second");
        var third = await workspace.NewVisitorAsync("Third");
        foreach (var visitor in new[] { first, second, third }) await app.SettledAsync(() => visitor.SendAsync("Hi"));
        (await app.QueueAsync(workspace)).Select(p => p.ConversationId).ShouldBe([second.ConversationId, third.ConversationId]);
        var place = await app.Api().GetAsync<Chat.Domain.Routing.QueuePlace>("/api/visitor/queue", third.Token);
        place.Position.ShouldBe(2);
        place.EstimatedWaitSeconds.ShouldBeGreaterThan(0);

        await app.SetLimitAsync(workspace, workspace.Agent, 2);
        (await app.RoutedAsync(workspace, second)).AssigneeId.ShouldBe(workspace.Agent.Id);
        (await app.RoutedAsync(workspace, third)).AssigneeId.ShouldBeNull();

        await app.GoOnlineAsync(workspace.OtherAgent);
        (await app.RoutedAsync(workspace, third)).AssigneeId.ShouldBe(workspace.OtherAgent.Id);
        (await app.QueueAsync(workspace)).ShouldBeEmpty();
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/visitor/queue", null, third.Token, 404);
    }
}
