using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Threads;
using Marten;

namespace Chat.Api.Attachments;

/// <summary>
/// The uploads a new message names by id, turned into the metadata its event carries: each must be the author's own
/// upload to this conversation, and not carried by another message yet.
/// </summary>
public static class AttachmentIds
{
    public sealed record Resolved(IReadOnlyList<AttachedFile>? Files, IResult? Problem);

    /// <param name="clientMessageId">A resend of the message that already carries the files is no conflict: the post answers it as a repeat.</param>
    public static async Task<Resolved> ResolveAsync(IDocumentStore store, string workspaceId, Guid conversationId, Actor author,
        string? clientMessageId, IReadOnlyList<Guid>? ids, AttachmentOptions options, CancellationToken ct)
    {
        if (ids is not { Count: > 0 }) return new(null, null);
        if (ids.Count > options.MaxPerMessage)
            return new(null, Problems.Invalid($"A message carries at most {options.MaxPerMessage} files."));
        if (ids.Distinct().Count() != ids.Count) return new(null, Problems.Invalid("An attachment is named twice."));

        await using var session = store.QuerySession(workspaceId);
        var uploads = await session.LoadManyAsync<AttachmentUpload>(ct, ids);
        var links = await session.LoadManyAsync<MessageAttachment>(ct, ids);
        var files = new List<AttachedFile>();
        foreach (var id in ids)
        {
            var upload = uploads.FirstOrDefault(u => u.Id == id);
            if (upload is null || upload.ConversationId != conversationId || upload.UploaderKind != author.Kind || upload.UploaderId != author.Id)
                return new(null, Problems.NotFound($"Attachment {id} does not exist."));
            if (links.FirstOrDefault(l => l.Id == id) is { } link &&
                (await session.LoadAsync<ThreadMessage>(link.MessageId, ct))?.ClientMessageId != clientMessageId)
                return new(null, Problems.Of(StatusCodes.Status409Conflict, "Conflict", $"Attachment {id} is already in a message."));
            files.Add(upload.ToFile());
        }
        return new(files, null);
    }
}
