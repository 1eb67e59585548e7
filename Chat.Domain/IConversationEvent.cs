namespace Chat.Domain;

/// <summary>Every event of a conversation or of one of its threads names the conversation.</summary>
public interface IConversationEvent
{
    Guid ConversationId { get; }
}
