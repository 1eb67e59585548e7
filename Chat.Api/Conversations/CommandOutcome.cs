using Chat.Api.Infrastructure;
using Chat.Domain;

namespace Chat.Api.Conversations;

/// <summary>Where a command left the thread it acted on.</summary>
public sealed record ThreadPosition(Guid ConversationId, Guid ThreadId, long Version);

/// <summary>Where a command left the conversation stream it acted on.</summary>
public sealed record ConversationPosition(Guid ConversationId, long Version);

/// <summary>The message a send stored, or found stored already under the same client message id.</summary>
public sealed record SentMessage(Guid ConversationId, Guid ThreadId, Guid MessageId, long Version, bool Duplicate);

/// <summary>A command's result, or the reason it was refused.</summary>
public sealed record CommandOutcome<T>(T? Value, Rejection? Rejection) where T : class
{
    public static implicit operator CommandOutcome<T>(T value) => new(value, null);
    public static implicit operator CommandOutcome<T>(Rejection rejection) => new(null, rejection);

    public IResult ToResult(Func<T, IResult> onSuccess) => Rejection is { } r ? Problems.From(r) : onSuccess(Value!);
}
