namespace Chat.Api.Attachments;

/// <summary>
/// Where the bytes of uploaded files live: the storage port. PostgreSQL by default (<see cref="PostgresAttachmentStore"/>);
/// an S3-compatible store would implement the same three calls with one object per attachment (a multipart upload fed by
/// the chunks). What is known of a file (name, type, size, hash, conversation) is an <see cref="AttachmentUpload"/>
/// document beside it, whatever the store.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Stores the chunks as they come. When the sequence throws (the file turned out too large or not what it claimed),
    /// nothing of it is kept and the exception reaches the caller.
    /// </summary>
    Task SaveAsync(string workspaceId, Guid attachmentId, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken ct);

    /// <summary>Writes the stored bytes to the destination, chunk by chunk; false when there are none.</summary>
    Task<bool> CopyToAsync(string workspaceId, Guid attachmentId, Stream destination, CancellationToken ct);

    Task DeleteAsync(string workspaceId, Guid attachmentId, CancellationToken ct);
}
