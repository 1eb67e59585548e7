using Chat.Projections.Inbox;

namespace Chat.Projections.Live;

/// <summary>
/// Who may receive a pushed fact: everyone in the conversation; its staff alone; or its staff in full and the visitor a
/// redacted form of it (<see cref="Visibility.ForVisitor"/>).
/// </summary>
public enum Audience { Everyone, Staff, Redacted }

/// <summary>
/// One fact of a thread as it is pushed to clients: ids, the stream version to order and catch up by,
/// and a small payload of its own, never the stored domain event.
/// </summary>
public sealed record LiveEvent(Guid ConversationId, Guid ThreadId, long Version, string Type, DateTimeOffset At,
    Audience Audience, object Data);

/// <summary>
/// What one committed transaction changed in one conversation: the facts in stream order and the inbox
/// row as it now stands. Published from the inbox projection's side effects after the commit, and fanned
/// out to every node, each of which pushes to its own connections.
/// </summary>
public sealed record ConversationChanged(string WorkspaceId, Guid ConversationId, IReadOnlyList<LiveEvent> Events,
    InboxItem? Inbox, bool NewlyWaiting);
