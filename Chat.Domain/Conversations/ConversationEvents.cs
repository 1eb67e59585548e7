namespace Chat.Domain.Conversations;

/// <summary>A visitor's lasting relationship with a workspace begins.</summary>
public sealed record ConversationStarted(
    Guid ConversationId, string WorkspaceId, string VisitorId, string? VisitorName, string? VisitorEmail,
    string Source, string Group, DateTimeOffset StartedAt) : IConversationEvent;

/// <summary>A new phase of the conversation begins as a thread stream of its own.</summary>
public sealed record ThreadOpened(Guid ConversationId, Guid ThreadId, int Number, DateTimeOffset OpenedAt) : IConversationEvent;
