using System.Text;

namespace Chat.Api.Attachments;

/// <summary>
/// Checks a claimed content type against the file's first bytes (its magic number), so that a script named
/// "photo.png" is refused instead of stored and served as an image.
/// </summary>
public static class ContentSniffer
{
    private static readonly IReadOnlyDictionary<string, Func<ReadOnlyMemory<byte>, bool>> Checks =
        new Dictionary<string, Func<ReadOnlyMemory<byte>, bool>>(StringComparer.OrdinalIgnoreCase)
        {
            ["image/png"] = b => StartsWith(b.Span, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ["image/jpeg"] = b => StartsWith(b.Span, [0xFF, 0xD8, 0xFF]),
            ["image/gif"] = b => StartsWith(b.Span, "GIF87a"u8) || StartsWith(b.Span, "GIF89a"u8),
            ["image/webp"] = b => StartsWith(b.Span, "RIFF"u8) && b.Length >= 12 && b.Span[8..12].SequenceEqual("WEBP"u8),
            ["application/pdf"] = b => StartsWith(b.Span, "%PDF-"u8),
            ["text/plain"] = b => IsText(b.Span),
        };

    /// <summary>Images a browser may show inline; never SVG, which can carry script.</summary>
    public static readonly IReadOnlySet<string> SafeImages =
        new HashSet<string>(["image/png", "image/jpeg", "image/gif", "image/webp"], StringComparer.OrdinalIgnoreCase);

    public static bool Knows(string contentType) => Checks.ContainsKey(contentType);

    /// <param name="head">The file's first bytes: its first chunk, or all of it when shorter.</param>
    public static bool Matches(string contentType, ReadOnlyMemory<byte> head) =>
        Checks.TryGetValue(contentType, out var check) && check(head);

    private static bool StartsWith(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> magic) => bytes.StartsWith(magic);

    /// <summary>Text: no NUL byte, and valid UTF-8 but for a character the chunk's end may have cut.</summary>
    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0)) return false;
        for (var cut = 0; cut < 4 && cut <= bytes.Length; cut++)
            if (System.Text.Unicode.Utf8.IsValid(bytes[..^cut])) return true;
        return false;
    }
}
