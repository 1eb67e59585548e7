using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

/// <summary>Bad messages get problem details and leave the thread as it was.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class BadInputTests(ChatApp app)
{
    [Fact]
    public async Task Empty_oversized_and_malformed_messages_are_refused_and_change_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var sent = await visitor.SendAsync("Hi");
        var reply = $"/api/conversations/{visitor.ConversationId}/messages";

        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages", new { text = "   ", clientMessageId = "a" }, visitor.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages", new { text = "hi" }, visitor.Token, 400);
        var tooLong = await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = new string('x', ChatApp.MaxMessageLength + 1), clientMessageId = "b" }, visitor.Token, 413);
        tooLong.Detail!.ShouldContain(ChatApp.MaxMessageLength.ToString());
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = new string('x', (int)ChatApp.MaxRequestBytes + 10), clientMessageId = "c" }, visitor.Token, 413);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages", "{\"text\": ", visitor.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, reply, new { text = "", clientMessageId = "d" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, reply,
            new { text = new string('y', ChatApp.MaxMessageLength + 1), clientMessageId = "e" }, workspace.Agent.Token, 413);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/read", new { upToVersion = 99 }, visitor.Token, 400);

        var events = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, sent.ThreadId);
        events.Max(e => e.Version).ShouldBe(sent.Version);
    }

    [Fact]
    public async Task A_message_of_exactly_the_limit_is_accepted()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();

        var sent = await visitor.SendAsync(new string('z', ChatApp.MaxMessageLength));

        sent.Version.ShouldBe(3);
    }
}
