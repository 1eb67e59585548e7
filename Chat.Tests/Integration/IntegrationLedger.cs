using Chat.Contracts;

namespace Chat.Tests.Integration;

/// <summary>What a downstream consumer may rely on, checked against what the store holds.</summary>
public static class IntegrationLedger
{
    /// <summary>
    /// Every stored event arrived, and each conversation's events arrived (first copies; repeats are dropped on the
    /// event id) in the order they were committed, which is also the order of their sequence numbers.
    /// </summary>
    public static void ShouldHoldEachConversationInCommitOrder(IReadOnlyList<IntegrationEvent> stored, IReadOnlyList<IntegrationEvent> arrived)
    {
        foreach (var stream in stored.GroupBy(e => e.StreamId))
            stream.Select(e => e.StreamVersion).ShouldBeInOrder(SortDirection.Ascending, $"stream {stream.Key} by sequence");
        var ids = stored.Select(e => e.EventId).ToHashSet();
        var storedIds = arrived.Select(e => e.EventId).Where(ids.Contains).ToHashSet();
        storedIds.Count.ShouldBe(ids.Count, "every stored event arrived");
        foreach (var conversation in stored.GroupBy(e => e.ConversationId))
            arrived.Where(e => e.ConversationId == conversation.Key && ids.Contains(e.EventId)).Select(e => e.EventId)
                .ShouldBe(conversation.Select(e => e.EventId), $"conversation {conversation.Key} in commit order");
    }
}
