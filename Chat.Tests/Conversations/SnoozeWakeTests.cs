using System.Text.Json;
using Chat.Domain.Threads;
using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

/// <summary>A snoozed conversation wakes by itself at its time: back to its agent, or back in the queue, with the reason in its history.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class SnoozeWakeTests(ChatApp app)
{
    [Fact]
    public async Task A_snoozed_conversation_returns_to_its_agent_when_the_time_comes()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Can you check my order tomorrow?");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "I will get back to you.");

        await SnoozeAsync(workspace.Agent, visitor, TimeSpan.FromSeconds(2));
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).Status.ShouldBe(ThreadStatus.Snoozed);

        var woken = await Eventually.Async(() => app.InboxItemAsync(workspace.Agent, visitor.ConversationId),
            item => item.Status == ThreadStatus.Open, TimeSpan.FromSeconds(30));
        woken.Status.ShouldBe(ThreadStatus.Open);
        woken.AssigneeId.ShouldBe(workspace.Agent.Id);
        var wake = (await HistoryAsync(workspace, woken)).Last(e => e.Type == "status_changed");
        Field(wake, "reason").ShouldBe(StatusReasons.SnoozeEnded);
        Field(wake, "changedBy").ShouldBe("system");
    }

    [Fact]
    public async Task A_snoozed_conversation_nobody_holds_goes_back_to_the_queue()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello?");

        await SnoozeAsync(workspace.Supervisor, visitor, TimeSpan.FromSeconds(2));

        var woken = await Eventually.Async(() => app.InboxItemAsync(workspace.Supervisor, visitor.ConversationId),
            item => item.Status == ThreadStatus.Queued, TimeSpan.FromSeconds(30));
        woken.Status.ShouldBe(ThreadStatus.Queued);
        (await HistoryAsync(workspace, woken)).Select(e => e.Type).TakeLast(2).ShouldBe(["status_changed", "thread_queued"]);
    }

    [Fact]
    public async Task Snoozing_again_replaces_the_earlier_wake_up()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Not urgent.");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Noted.");

        await SnoozeAsync(workspace.Agent, visitor, TimeSpan.FromSeconds(1));
        await SnoozeAsync(workspace.Agent, visitor, TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromSeconds(4));

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.Status.ShouldBe(ThreadStatus.Snoozed);
        (await HistoryAsync(workspace, item)).ShouldNotContain(e => e.Type == "status_changed" && Field(e, "reason") == StatusReasons.SnoozeEnded);
    }

    private Task SnoozeAsync(TestAgent agent, TestVisitor visitor, TimeSpan until) =>
        app.CommandAsync(agent, HttpMethod.Put, $"/api/conversations/{visitor.ConversationId}/status",
            new { status = "Snoozed", snoozedUntil = DateTimeOffset.UtcNow.Add(until) });

    private Task<List<Chat.Api.Conversations.Reading.ThreadEntry>> HistoryAsync(TestWorkspace workspace, Chat.Projections.Inbox.InboxItem item) =>
        app.ThreadEventsAsync(workspace.Auditor, item.Id, item.ThreadId);

    private static string? Field(Chat.Api.Conversations.Reading.ThreadEntry entry, string name) =>
        ((JsonElement)entry.Data).TryGetProperty(name, out var value) ? value.GetString() : null;
}
