namespace Chat.Domain.Threads.Messaging;

/// <summary>
/// A file a message carries: its upload's id and what was checked of it when it was received (the content type
/// matched its bytes, the SHA-256 was counted while it streamed in). The bytes themselves are in the attachment store.
/// </summary>
public sealed record AttachedFile(Guid AttachmentId, string Name, string ContentType, long Size, string Sha256);
