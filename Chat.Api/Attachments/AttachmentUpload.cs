using Chat.Domain;
using Chat.Domain.Threads.Messaging;

namespace Chat.Api.Attachments;

/// <summary>
/// A received file, in its workspace: who uploaded it to which conversation, and what was checked of it. It is
/// stored once its bytes are; a message then carries its metadata (<see cref="AttachedFile"/>).
/// </summary>
public sealed record AttachmentUpload
{
    public Guid Id { get; init; }
    public Guid ConversationId { get; init; }
    public AuthorKind UploaderKind { get; init; }
    public string UploaderId { get; init; } = "";
    public string Name { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    public string Sha256 { get; init; } = "";
    public DateTimeOffset UploadedAt { get; init; }

    public AttachedFile ToFile() => new(Id, Name, ContentType, Size, Sha256);
}
