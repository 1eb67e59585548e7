using Chat.Tests.Support;

namespace Chat.Tests.Assignment;

[Collection(ChatAppCollection.Name)]
public sealed class RestartTests
{
    [Fact]
    public async Task After_a_restart_the_router_resumes_where_it_was()
    {
        var database = await TestDatabase.OtherAsync(TestDatabase.Beside("_restart"));
        TestWorkspace workspace;
        TestVisitor waiting;
        Guid servedConversation;
        await using (var before = await ChatApp.StartAsync(database))
        {
            workspace = await before.NewWorkspaceAsync();
            await before.SetLimitAsync(workspace, workspace.Agent, 1);
            await before.GoOnlineAsync(workspace.Agent);
            var served = await workspace.NewVisitorAsync("Served");
            waiting = await workspace.NewVisitorAsync("Waiting");
            await before.SettledAsync(() => served.SendAsync("First"));
            await before.SettledAsync(() => waiting.SendAsync("Second"));
            (await before.QueueAsync(workspace)).ShouldHaveSingleItem().ConversationId.ShouldBe(waiting.ConversationId);
            servedConversation = served.ConversationId;
        }

        await using var after = await ChatApp.StartAsync(database);
        var again = workspace.On(after);
        // The agent's dashboard reconnects to the new process; the old connection died with the old one.
        await after.GoOnlineAsync(again.Agent);
        await after.SettledAsync(() => after.CommandAsync(again.Agent, HttpMethod.Post, $"/api/conversations/{servedConversation}/close"));

        (await after.InboxItemAsync(again.Admin, waiting.ConversationId)).AssigneeId.ShouldBe(again.Agent.Id);
        (await after.QueueAsync(again)).ShouldBeEmpty();
    }
}
