using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;

namespace Chat.Domain.Conversations.Starting;

/// <summary>An agent writes first, to a visitor the workspace knows: a follow-up that opens a thread assigned to them.</summary>
public sealed record StartByAgent(Guid ConversationId, Guid ThreadId, Guid MessageId, Guid AgentId, string Text, string ClientMessageId);

public static class StartByAgentDecision
{
    /// <summary>
    /// A new thread of the visitor's one conversation, started, assigned to the agent and opened by their message. While
    /// a thread is open the visitor is already in a conversation: the agent writes there instead (a conflict).
    /// </summary>
    public static ThreadStart Decide(StartByAgent command, Conversation conversation, ChatThread? current, int maxLength, DateTimeOffset now)
    {
        var rejection = MessageText.Check(command.Text, maxLength) ?? MessageText.CheckClientMessageId(command.ClientMessageId);
        if (rejection is not null) return new ThreadStart([], [], rejection);
        if (current is { IsClosed: false })
            return new ThreadStart([], [], Reject.Conflict($"The visitor already has an open conversation ({conversation.Id}); write there."));

        var number = conversation.ThreadCount + 1;
        var agent = command.AgentId.ToString();
        object[] threadEvents =
        [
            new ThreadStarted(command.ConversationId, command.ThreadId, number, conversation.Group, now, StartedBy: agent),
            new ThreadAssigned(command.ConversationId, command.ThreadId, command.AgentId, null, agent, now),
            new MessagePosted(command.ConversationId, command.ThreadId, command.MessageId, AuthorKind.Agent, agent, command.Text.Trim(),
                command.ClientMessageId, now),
        ];
        return new ThreadStart([new ThreadOpened(command.ConversationId, command.ThreadId, number, now)], threadEvents, null);
    }
}
