using Chat.Domain.Conversations;
using JasperFx.Events;
using Marten;

namespace Chat.Api.Audit;

/// <summary>All stored events of a conversation, across its conversation stream and every thread stream, in stored order.</summary>
public static class ConversationHistory
{
    public static async Task<IReadOnlyList<IEvent>?> LoadAsync(IQuerySession session, Guid conversationId, CancellationToken ct)
    {
        var conversation = await session.Events.FetchStreamAsync(conversationId, token: ct);
        if (conversation.Count == 0 || conversation[0].Data is not ConversationStarted) return null;

        var all = conversation.ToList();
        foreach (var opened in conversation.Select(e => e.Data).OfType<ThreadOpened>())
            all.AddRange(await session.Events.FetchStreamAsync(opened.ThreadId, token: ct));
        return [.. all.OrderBy(e => e.Sequence)];
    }
}
