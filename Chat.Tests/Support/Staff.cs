using Chat.Api.Conversations;
using Chat.Api.Conversations.Reading;
using Chat.Projections.Inbox;

namespace Chat.Tests.Support;

/// <summary>What an agent does through the API, for tests that arrange a situation before acting.</summary>
public static class Staff
{
    public static Task<SentMessage> ReplyAsync(this ChatApp app, TestAgent agent, Guid conversationId, string text,
        string? clientMessageId = null, int expect = 201) =>
        app.Api().PostAsync<SentMessage>($"/api/conversations/{conversationId}/messages",
            new { text, clientMessageId = clientMessageId ?? Guid.NewGuid().ToString() }, agent.Token, expect);

    public static Task<ThreadPosition> CommandAsync(this ChatApp app, TestAgent agent, HttpMethod method, string url,
        object? body = null, int expect = 200) =>
        method == HttpMethod.Put
            ? app.Api().PutAsync<ThreadPosition>(url, body, agent.Token, expect)
            : app.Api().PostAsync<ThreadPosition>(url, body ?? new { }, agent.Token, expect);

    public static Task<ConversationView> ConversationAsync(this ChatApp app, TestAgent agent, Guid conversationId) =>
        app.Api().GetAsync<ConversationView>($"/api/conversations/{conversationId}", agent.Token);

    public static async Task<InboxItem> InboxItemAsync(this ChatApp app, TestAgent agent, Guid conversationId) =>
        (await app.ConversationAsync(agent, conversationId)).Summary;

    public static Task<List<ThreadEntry>> ThreadEventsAsync(this ChatApp app, TestAgent agent, Guid conversationId,
        Guid threadId, long after = 0) =>
        app.Api().GetAsync<List<ThreadEntry>>($"/api/conversations/{conversationId}/threads/{threadId}/events?after={after}", agent.Token);
}
