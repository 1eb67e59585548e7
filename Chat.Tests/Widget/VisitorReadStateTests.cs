using Chat.Api.Conversations;
using Chat.Api.Conversations.Visitors;
using Chat.Tests.Support;

namespace Chat.Tests.Widget;

/// <summary>The visitor's conversation tells how many agent messages they have not read, and how far the agent has read.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class VisitorReadStateTests(ChatApp app)
{
    [Fact]
    public async Task The_visitor_reads_their_unread_count_and_the_agents_read_mark()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var question = await visitor.SendAsync("Is it in stock?");
        var first = await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Let me check");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Yes, it is");
        await app.Api().PostAsync<SentMessage>($"/api/conversations/{visitor.ConversationId}/notes",
            new { text = "not for the visitor", clientMessageId = "n1" }, workspace.Agent.Token, 201);

        var before = await ViewAsync(visitor);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/read",
            new { upToVersion = question.Version });
        await app.Api().PostAsync<ThreadPosition>("/api/visitor/read", new { upToVersion = first.Version }, visitor.Token);
        var after = await ViewAsync(visitor);

        before.UnreadCount.ShouldBe(2, "the two replies; the visitor's own message and the note do not count");
        (before.VisitorReadVersion, before.AgentReadVersion).ShouldBe((0L, 0L));
        after.UnreadCount.ShouldBe(1);
        (after.VisitorReadVersion, after.AgentReadVersion).ShouldBe((first.Version, question.Version));
    }

    private Task<VisitorConversationView> ViewAsync(TestVisitor visitor) =>
        app.Api().GetAsync<VisitorConversationView>("/api/visitor/conversation", visitor.Token);
}
