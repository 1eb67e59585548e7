using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Marten;
using Microsoft.AspNetCore.Http.Features;

namespace Chat.Api.Attachments;

/// <summary>
/// An upload: the raw request body (the claimed type in Content-Type, the file name in <c>?name=</c>), streamed into the
/// store a chunk at a time, counted and hashed on the way, its first chunk checked against the claimed type. Nothing of
/// a refused file is kept.
/// </summary>
public static class ReceiveAttachment
{
    public const int MaxNameLength = 200;

    public static async Task<IResult> ReceiveAsync(HttpContext http, string workspaceId, Guid conversationId, Actor uploader,
        AttachmentOptions options, IAttachmentStore files, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        if (CleanName(http.Request.Query["name"]) is not { } name)
            return Problems.Invalid($"Name the file with ?name= (1 to {MaxNameLength} characters, no control characters).");
        var contentType = (http.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!options.Allows(contentType))
            return Refused(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Files of type '{contentType}' are not accepted.");
        if (http.Request.ContentLength > options.MaxBytes) return TooLarge(options);

        // The general request limit is for JSON; a file has its own, counted below.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        var id = Guid.CreateVersion7();
        var received = new Received();
        try
        {
            await files.SaveAsync(workspaceId, id, Chunks(http.Request.Body, contentType, options.MaxBytes, received, ct), ct);
        }
        catch (RefusedFile refused)
        {
            return refused.Answer;
        }

        var upload = new AttachmentUpload
        {
            Id = id, ConversationId = conversationId, UploaderKind = uploader.Kind, UploaderId = uploader.Id, Name = name,
            ContentType = contentType, Size = received.Size, Sha256 = received.Sha256, UploadedAt = clock.GetUtcNow(),
        };
        await using var session = store.LightweightSession(workspaceId);
        session.Store(upload);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch
        {
            // Bytes without their document could never be fetched: they go, and the fault is answered as any other.
            await files.DeleteAsync(workspaceId, id, CancellationToken.None);
            throw;
        }
        return Results.Created((string?)null, upload.ToFile());
    }

    private sealed class Received
    {
        public long Size;
        public string Sha256 = "";
    }

    private sealed class RefusedFile(IResult answer) : Exception
    {
        public IResult Answer { get; } = answer;
    }

    /// <summary>Full chunks from the body; throws <see cref="RefusedFile"/> past the limit or when the first bytes betray the type.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(Stream body, string contentType, long maxBytes, Received received,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[PostgresAttachmentStore.ChunkBytes];
        while (true)
        {
            var filled = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (filled == 0 && received.Size > 0) break;
            if (filled == 0) throw new RefusedFile(Problems.Invalid("The file is empty."));
            var chunk = buffer.AsMemory(0, filled);
            if (received.Size == 0 && !ContentSniffer.Matches(contentType, chunk))
                throw new RefusedFile(Refused(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    $"The file's content is not {contentType}."));
            received.Size += filled;
            if (received.Size > maxBytes) throw new RefusedFile(TooLarge(maxBytes));
            hash.AppendData(chunk.Span);
            yield return chunk;
            if (filled < buffer.Length) break;
        }
        received.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string? CleanName(string? raw)
    {
        // Only the last segment of a path: a name is shown, never used as one.
        var name = raw?.Split('/', '\\')[^1].Trim();
        return string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl) ? null : name;
    }

    private static IResult TooLarge(AttachmentOptions options) => TooLarge(options.MaxBytes);

    private static IResult TooLarge(long maxBytes) =>
        Refused(StatusCodes.Status413PayloadTooLarge, "Content too large", $"A file may have at most {maxBytes} bytes.");

    private static IResult Refused(int status, string title, string detail) => Problems.Of(status, title, detail);
}
