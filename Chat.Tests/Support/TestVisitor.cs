using Chat.Api.Conversations;
using Chat.Api.Identity;

namespace Chat.Tests.Support;

/// <summary>A widget session: the visitor's token and the conversation it reaches.</summary>
public sealed class TestVisitor(ChatApp app, WidgetSession session)
{
    public string Token => session.VisitorToken;
    public string Id => session.VisitorId;
    public Guid ConversationId => session.ConversationId;

    public Task<SentMessage> SendAsync(string text, string? clientMessageId = null, int expect = 201) =>
        app.Api().PostAsync<SentMessage>("/api/visitor/messages",
            new { text, clientMessageId = clientMessageId ?? Guid.NewGuid().ToString() }, Token, expect);
}
