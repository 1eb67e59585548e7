namespace Chat.Api.Attachments;

public sealed class AttachmentOptions
{
    /// <summary>The largest file, in bytes; counted while it streams in, whatever Content-Length claims.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Content types accepted, comma-separated. Only types whose bytes <see cref="ContentSniffer"/> can check take effect:
    /// another type named here is still refused, since its claim could not be verified.
    /// </summary>
    public string AllowedTypes { get; set; } = "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain";

    /// <summary>The most files one message carries.</summary>
    public int MaxPerMessage { get; set; } = 10;

    /// <summary>An upload no message carries after this many hours is deleted (<see cref="UnsentUploadSweeper"/>).</summary>
    public int UnsentUploadHours { get; set; } = 24;

    /// <summary>How often a node looks for unsent uploads to delete.</summary>
    public int SweepMinutes { get; set; } = 30;

    public bool Allows(string contentType) =>
        AllowedTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(contentType, StringComparer.OrdinalIgnoreCase) && ContentSniffer.Knows(contentType);
}
