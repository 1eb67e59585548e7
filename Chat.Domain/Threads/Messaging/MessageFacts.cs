namespace Chat.Domain.Threads.Messaging;

/// <summary>
/// What a decision needs to know of one stored message or note: where it is, who wrote it and whether it
/// still shows. The caller looks it up by the message's id; null when there is no such message.
/// </summary>
public sealed record MessageFacts(Guid MessageId, Guid ThreadId, AuthorKind AuthorKind, string AuthorId, bool IsPrivateNote, bool Deleted);
