using Chat.Domain;
using Chat.Domain.Threads.Messaging;

namespace Chat.Projections.Threads;

/// <summary>A message or private note as it shows now; edits and deletions keep the original in the events.</summary>
public sealed record MessageView
{
    public Guid MessageId { get; init; }
    public long Version { get; init; }
    public AuthorKind AuthorKind { get; init; }
    public string AuthorId { get; init; } = "";
    public string Text { get; init; } = "";
    public bool IsPrivateNote { get; init; }
    public string ClientMessageId { get; init; } = "";
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public bool Deleted { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    /// <summary>The files it carries; none once it is deleted (auditors still find them in the history).</summary>
    public IReadOnlyList<AttachedFile> Attachments { get; init; } = [];
}

/// <summary>The messages of one thread in order, with how far each side has read.</summary>
public sealed record ThreadTranscript
{
    public Guid Id { get; init; }
    public Guid ConversationId { get; init; }
    public int Number { get; init; }
    public IReadOnlyList<MessageView> Messages { get; init; } = [];
    public long VisitorReadVersion { get; init; }
    public long AgentReadVersion { get; init; }
    public long Version { get; init; }
}
