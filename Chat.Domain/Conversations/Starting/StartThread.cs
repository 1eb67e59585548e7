using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;

namespace Chat.Domain.Conversations.Starting;

/// <summary>
/// A visitor's message that needs a new thread: the first one of the conversation, or the first after
/// the last thread was closed. The message itself opens the thread.
/// </summary>
public sealed record StartThread(Guid ConversationId, Guid ThreadId, Guid MessageId, VisitorProfile Visitor,
    string Text, string ClientMessageId, IReadOnlyList<AttachedFile>? Attachments = null);

/// <summary>The events of both streams: the conversation's (started, thread opened) and the new thread's.</summary>
public sealed record ThreadStart(IReadOnlyList<object> ConversationEvents, IReadOnlyList<object> ThreadEvents, Rejection? Rejection);

public static class StartThreadDecision
{
    public static ThreadStart Decide(StartThread command, Conversation? conversation, string workspaceId, int maxLength,
        DateTimeOffset now)
    {
        var rejection = MessageText.Check(command.Text, maxLength, command.Attachments is { Count: > 0 }) ?? MessageText.CheckClientMessageId(command.ClientMessageId);
        if (rejection is not null) return new ThreadStart([], [], rejection);

        var group = conversation?.Group ?? command.Visitor.Group;
        var number = (conversation?.ThreadCount ?? 0) + 1;
        var conversationEvents = new List<object>();
        if (conversation is null)
        {
            var visitor = command.Visitor;
            conversationEvents.Add(new ConversationStarted(command.ConversationId, workspaceId, visitor.VisitorId,
                visitor.Name, visitor.Email, visitor.Source, visitor.Group, now, visitor.Verified));
        }
        conversationEvents.Add(new ThreadOpened(command.ConversationId, command.ThreadId, number, now));

        object[] threadEvents =
        [
            new ThreadStarted(command.ConversationId, command.ThreadId, number, group, now),
            new ThreadQueued(command.ConversationId, command.ThreadId, group, now),
            new MessagePosted(command.ConversationId, command.ThreadId, command.MessageId, AuthorKind.Visitor,
                command.Visitor.VisitorId, command.Text.Trim(), command.ClientMessageId, now,
                PostMessageDecision.Files(command.Attachments)),
        ];
        return new ThreadStart(conversationEvents, threadEvents, null);
    }
}
