using System.Text.Json;
using Chat.Domain.Routing;
using Chat.Domain.Threads;
using Chat.Tests.Support;

namespace Chat.Tests.Assignment;

[Collection(ChatAppCollection.Name)]
public sealed class TransferTests(ChatApp app)
{
    private static string Url(TestVisitor visitor, string rest) => $"/api/conversations/{visitor.ConversationId}{rest}";

    [Fact]
    public async Task A_transfer_to_an_agent_or_a_group_is_recorded_with_its_reason()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.CreateGroupAsync(workspace, "billing", RoutingStrategy.RoundRobin);
        await app.JoinAsync(workspace, "billing", workspace.Supervisor);
        await app.GoOnlineAsync(workspace.Agent);
        var visitor = await workspace.NewVisitorAsync();
        await app.SettledAsync(() => visitor.SendAsync("My invoice is wrong"));

        await app.SettledAsync(() => app.CommandAsync(workspace.Agent, HttpMethod.Post, Url(visitor, "/transfer"),
            new { agentId = workspace.OtherAgent.Id, reason = "knows invoices" }));
        var toAgent = await app.RoutedAsync(workspace, visitor);
        toAgent.AssigneeId.ShouldBe(workspace.OtherAgent.Id);

        await app.SettledAsync(() => app.CommandAsync(workspace.OtherAgent, HttpMethod.Post, Url(visitor, "/transfer"),
            new { group = "billing", reason = "billing team" }));
        var waitingInBilling = await app.RoutedAsync(workspace, visitor);
        waitingInBilling.Group.ShouldBe("billing");
        waitingInBilling.AssigneeId.ShouldBeNull("nobody of billing is online");

        await app.GoOnlineAsync(workspace.Supervisor);
        (await app.RoutedAsync(workspace, visitor)).AssigneeId.ShouldBe(workspace.Supervisor.Id);
        var history = await app.ThreadEventsAsync(workspace.Auditor, visitor.ConversationId, toAgent.ThreadId);
        history.Where(e => e.Type == "thread_transferred").Select(e => ((JsonElement)e.Data).GetProperty("reason").GetString())
            .ShouldBe(["knows invoices", "billing team"]);
    }

    [Fact]
    public async Task Bad_transfers_are_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await app.SettledAsync(() => visitor.SendAsync("Hi"));
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");

        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/transfer"), new { }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/transfer"), new { agentId = workspace.OtherAgent.Id, group = "default" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/transfer"), new { group = "nowhere" }, workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/transfer"), new { agentId = Guid.NewGuid() }, workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/transfer"), new { agentId = workspace.Auditor.Id }, workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/transfer"), new { group = "default" }, workspace.OtherAgent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Post, Url(visitor, "/transfer"), new { group = "default" }, workspace.Auditor.Token, 403);
        (await app.RoutedAsync(workspace, visitor)).AssigneeId.ShouldBe(workspace.Agent.Id);
    }

    [Fact]
    public async Task A_supervisor_assigning_by_hand_overrides_the_router_and_closing_ends_the_routing_of_the_thread()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.SetLimitAsync(workspace, workspace.Agent, 1);
        await app.GoOnlineAsync(workspace.Agent);
        var first = await workspace.NewVisitorAsync();
        var second = await workspace.NewVisitorAsync();
        await app.SettledAsync(() => first.SendAsync("First"));
        await app.SettledAsync(() => second.SendAsync("Second"));
        (await app.RoutedAsync(workspace, second)).AssigneeId.ShouldBeNull();

        await app.SettledAsync(() => app.CommandAsync(workspace.Supervisor, HttpMethod.Put, Url(second, "/assignment"), new { agentId = workspace.Agent.Id }));
        (await app.RoutedAsync(workspace, second)).AssigneeId.ShouldBe(workspace.Agent.Id, "a supervisor may go past the limit");
        (await app.QueueAsync(workspace)).ShouldBeEmpty();

        await app.SettledAsync(() => app.CommandAsync(workspace.Agent, HttpMethod.Post, Url(first, "/close")));
        await app.SettledAsync(() => app.CommandAsync(workspace.Agent, HttpMethod.Post, Url(second, "/close")));
        var third = await workspace.NewVisitorAsync();
        await app.SettledAsync(() => third.SendAsync("Third"));
        (await app.RoutedAsync(workspace, third)).AssigneeId.ShouldBe(workspace.Agent.Id, "closed threads free their seats");
        (await app.RoutedAsync(workspace, first)).Status.ShouldBe(ThreadStatus.Closed);
    }
}
