using Chat.Domain.Threads;

namespace Chat.Api.RealTime;

/// <summary>Someone is typing in a conversation. Never stored; clients drop it when it expires.</summary>
public sealed record TypingSignal(string WorkspaceId, Guid ConversationId, ReaderSide Side, string Who, DateTimeOffset ExpiresAt);

/// <summary>What a client receives of a typing signal.</summary>
public sealed record TypingPush(Guid ConversationId, ReaderSide Side, string Who, DateTimeOffset ExpiresAt);
