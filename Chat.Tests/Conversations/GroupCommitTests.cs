using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

/// <summary>Posts to different conversations arriving together are committed together: none lost, none out of order.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class GroupCommitTests(ChatApp app)
{
    [Fact]
    public async Task Posts_to_many_conversations_at_once_are_each_stored_once_in_the_order_each_sender_sent_them()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitors = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => workspace.NewVisitorAsync()));
        foreach (var visitor in visitors) await visitor.SendAsync("Opening message");

        // Every visitor sends five messages one after another, all twelve at the same time.
        await Task.WhenAll(visitors.Select(async visitor =>
        {
            for (var i = 0; i < 5; i++) await visitor.SendAsync($"message {i}", $"{visitor.ConversationId:N}-{i}");
        }));

        foreach (var visitor in visitors)
        {
            var transcript = (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!;
            transcript.Messages.Select(m => m.Text).ShouldBe(["Opening message", .. Enumerable.Range(0, 5).Select(i => $"message {i}")]);
            transcript.Messages.Select(m => m.Version).ShouldBeInOrder();
        }
    }

    [Fact]
    public async Task A_refused_post_is_answered_alone_and_the_posts_committed_with_it_are_stored()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitors = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => workspace.NewVisitorAsync()));
        foreach (var visitor in visitors) await visitor.SendAsync("Opening message");

        var tooLong = new string('x', 4001); // longer than any configured limit: the decision refuses it with 413
        var sends = visitors.Select((visitor, i) => i == 3
            ? (Task)app.Api().PostAsync<object>("/api/visitor/messages", new { text = tooLong, clientMessageId = "too-long" }, visitor.Token, 413)
            : visitor.SendAsync("fine", $"fine-{i}"));
        await Task.WhenAll(sends);

        for (var i = 0; i < visitors.Length; i++)
        {
            var transcript = (await app.ConversationAsync(workspace.Agent, visitors[i].ConversationId)).CurrentThread!;
            transcript.Messages.Count.ShouldBe(i == 3 ? 1 : 2);
        }
    }
}
