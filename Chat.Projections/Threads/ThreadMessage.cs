using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;

namespace Chat.Projections.Threads;

/// <summary>
/// One message or note as the write side looks it up: by its id (who wrote it, whether it still shows) or
/// by its thread and client message id (a resend). A small row per message, written with its event, so
/// that the thread's own write model need not remember its messages.
/// </summary>
public sealed record ThreadMessage
{
    public Guid Id { get; init; }
    public Guid ThreadId { get; init; }
    public string ClientMessageId { get; init; } = "";

    /// <summary>The stream version of the event that stored it, answered again to a resend.</summary>
    public long Version { get; init; }
    public AuthorKind AuthorKind { get; init; }
    public string AuthorId { get; init; } = "";
    public bool IsPrivateNote { get; init; }
    public bool Deleted { get; init; }

    public MessageFacts ToFacts() => new(Id, ThreadId, AuthorKind, AuthorId, IsPrivateNote, Deleted);
}

/// <summary>
/// Which message carries an uploaded file (keyed by the attachment's id): whoever fetches the file may do so only while
/// that message shows, and an upload is attached to one message only.
/// </summary>
public sealed record MessageAttachment
{
    public Guid Id { get; init; }
    public Guid MessageId { get; init; }
    public Guid ConversationId { get; init; }
}

/// <summary>
/// Writes each row once when its message is stored, and marks it when the message is deleted, without
/// reading anything: the write path already carries everything a row holds.
/// </summary>
public sealed partial class ThreadMessageProjection : EventProjection
{
    public ThreadMessageProjection()
    {
        Name = nameof(ThreadMessage);
        IncludeType<MessagePosted>();
        IncludeType<PrivateNoteAdded>();
        IncludeType<MessageDeleted>();
        Options.DeleteViewTypeOnTeardown<ThreadMessage>();
        Options.DeleteViewTypeOnTeardown<MessageAttachment>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case MessagePosted m:
                operations.Store(new ThreadMessage
                {
                    Id = m.MessageId, ThreadId = m.ThreadId, ClientMessageId = m.ClientMessageId, Version = e.Version,
                    AuthorKind = m.AuthorKind, AuthorId = m.AuthorId,
                });
                foreach (var file in m.Attachments ?? [])
                    operations.Store(new MessageAttachment { Id = file.AttachmentId, MessageId = m.MessageId, ConversationId = m.ConversationId });
                break;
            case PrivateNoteAdded n:
                operations.Store(new ThreadMessage
                {
                    Id = n.NoteId, ThreadId = n.ThreadId, ClientMessageId = n.ClientMessageId, Version = e.Version,
                    AuthorKind = AuthorKind.Agent, AuthorId = n.AgentId.ToString(), IsPrivateNote = true,
                });
                break;
            case MessageDeleted d:
                operations.Patch<ThreadMessage>(d.MessageId).Set(x => x.Deleted, true);
                break;
        }
        return ValueTask.CompletedTask;
    }
}
