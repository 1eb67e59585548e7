namespace Chat.Domain.Conversations;

/// <summary>A visitor's lasting relationship with a workspace begins.</summary>
public sealed record ConversationStarted(
    Guid ConversationId, string WorkspaceId, string VisitorId, string? VisitorName, string? VisitorEmail,
    string Source, string Group, DateTimeOffset StartedAt, bool VisitorVerified = false) : IConversationEvent;

/// <summary>A new phase of the conversation begins as a thread stream of its own.</summary>
public sealed record ThreadOpened(Guid ConversationId, Guid ThreadId, int Number, DateTimeOffset OpenedAt) : IConversationEvent;

/// <summary>
/// The visitor left a way to reach them (an email, and a name when known), typically with a message nobody could answer
/// at once, so agents can write back.
/// </summary>
public sealed record VisitorContactGiven(Guid ConversationId, string VisitorId, string? Name, string Email, DateTimeOffset GivenAt)
    : IConversationEvent;
