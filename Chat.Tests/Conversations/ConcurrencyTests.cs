using Chat.Api.Conversations;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

[Collection(ChatAppCollection.Name)]
public sealed class ConcurrencyTests(ChatApp app)
{
    [Fact]
    public async Task Fifty_concurrent_sends_to_one_thread_end_with_contiguous_versions_and_each_message_once()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var first = await visitor.SendAsync("Opening message");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Hello");

        var sends = Enumerable.Range(0, 50).Select(i => i % 2 == 0
            ? visitor.SendAsync($"visitor {i}", $"v-{i}")
            : app.ReplyAsync(workspace.Agent, visitor.ConversationId, $"agent {i}", $"a-{i}"));
        var results = await Task.WhenAll(sends);

        results.Select(r => r.Version).Distinct().Count().ShouldBe(50);
        var events = await app.ThreadEventsAsync(workspace.Auditor, visitor.ConversationId, first.ThreadId);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v));
        var transcript = (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!;
        transcript.Messages.Count.ShouldBe(52);
        transcript.Messages.Select(m => m.ClientMessageId).Distinct().Count().ShouldBe(52);
        transcript.Messages.Select(m => m.Version).ShouldBeInOrder();
        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.LastActivitySequence.ShouldBeGreaterThan(0);
        item.LastMessageId.ShouldBe(transcript.Messages[^1].MessageId);
        item.UnreadForAgents.ShouldBe(26, "the opening message and 25 concurrent visitor messages");
    }

    [Fact]
    public async Task Concurrent_resends_of_one_message_store_it_once()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app.Api().PostAsync<SentMessage>("/api/visitor/messages", new { text = "Hello?", clientMessageId = "same" }, visitor.Token, 0)));

        results.Select(r => r.MessageId).Distinct().ShouldHaveSingleItem().ShouldNotBe(Guid.Empty);
        results.Count(r => !r.Duplicate).ShouldBe(1);
        var transcript = (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!;
        transcript.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Even_a_writer_that_skips_the_conversations_lock_cannot_store_a_client_message_id_twice_in_a_thread()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var sent = await visitor.SendAsync("Hello?", "same");

        await using var session = app.Store.LightweightSession(workspace.Id);
        session.Events.Append(sent.ThreadId, new MessagePosted(visitor.ConversationId, sent.ThreadId, Guid.CreateVersion7(),
            AuthorKind.Visitor, visitor.Id, "Hello?", "same", DateTimeOffset.UtcNow));
        var refused = await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync());

        StoreFaults.Classify(refused).ShouldBe(StoreFault.UniqueViolation);
        var transcript = (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!;
        transcript.Messages.ShouldHaveSingleItem().MessageId.ShouldBe(sent.MessageId);
    }
}
