using Chat.Domain;
using Chat.Domain.Conversations.Starting;
using Chat.Domain.Threads.Messaging;

namespace Chat.Api.Conversations;

/// <summary>A visitor's message before it is known whether it continues a thread or opens one.</summary>
public sealed record StartThreadTemplate(Guid MessageId, VisitorProfile Visitor, string Text, string ClientMessageId, int MaxLength,
    IReadOnlyList<AttachedFile>? Attachments = null)
{
    public PostMessage AsPost() => new(MessageId, Actor.Visitor(Visitor.VisitorId), Text, ClientMessageId, Attachments);

    public StartThread AsStart(Guid conversationId) =>
        new(conversationId, Guid.CreateVersion7(), MessageId, Visitor, Text, ClientMessageId, Attachments);
}
