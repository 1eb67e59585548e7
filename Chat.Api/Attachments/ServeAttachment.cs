using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Projections.Threads;
using Marten;
using Microsoft.Net.Http.Headers;

namespace Chat.Api.Attachments;

/// <summary>
/// Answers a file's bytes to whoever may read it: safe images inline, everything else as a download, never sniffed
/// (X-Content-Type-Options and the API's empty Content-Security-Policy come from the security headers).
/// </summary>
public static class ServeAttachment
{
    /// <param name="conversationId">The visitor's own conversation; null for staff, who read every conversation of the workspace.</param>
    /// <param name="evenDeleted">The auditors' route: the file of a deleted message too.</param>
    public static async Task<IResult> ServeAsync(HttpContext http, string workspaceId, Guid attachmentId, Actor reader,
        Guid? conversationId, bool evenDeleted, IAttachmentStore files, IDocumentStore store, CancellationToken ct)
    {
        var unknown = Problems.NotFound($"Attachment {attachmentId} does not exist.");
        AttachmentUpload? upload;
        await using (var session = store.QuerySession(workspaceId))
        {
            upload = await session.LoadAsync<AttachmentUpload>(attachmentId, ct);
            if (upload is null || (conversationId is { } own && upload.ConversationId != own)) return unknown;
            var link = await session.LoadAsync<MessageAttachment>(attachmentId, ct);
            // Until a message carries it, an upload is its uploader's alone.
            if (link is null && !(upload.UploaderKind == reader.Kind && upload.UploaderId == reader.Id) && !evenDeleted) return unknown;
            if (link is not null && !evenDeleted && (await session.LoadAsync<ThreadMessage>(link.MessageId, ct)) is { Deleted: true })
                return Problems.Of(StatusCodes.Status410Gone, "Gone", "The message that carried this file was deleted.");
        }

        var response = http.Response;
        response.ContentType = upload.ContentType;
        response.ContentLength = upload.Size;
        var disposition = new ContentDispositionHeaderValue(ContentSniffer.SafeImages.Contains(upload.ContentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(upload.Name);
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        response.Headers["X-Content-Type-Options"] = "nosniff";
        if (await files.CopyToAsync(workspaceId, attachmentId, response.Body, ct)) return Results.Empty;
        response.ContentLength = null;
        response.Headers.Remove(HeaderNames.ContentDisposition);
        return unknown;
    }
}
