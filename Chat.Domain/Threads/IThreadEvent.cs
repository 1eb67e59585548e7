namespace Chat.Domain.Threads;

/// <summary>An event of a thread stream: it names its thread, and (as every conversation event) its conversation.</summary>
public interface IThreadEvent : IConversationEvent
{
    Guid ThreadId { get; }
}
