using System.Text.RegularExpressions;

namespace Chat.Domain.Threads.Tagging;

/// <summary>Tags are compared in lower case: "Billing" and "billing" are one tag.</summary>
public static partial class TagName
{
    public const int MaxLength = 50;

    public static (string? Tag, Rejection? Rejection) Normalize(string? raw)
    {
        var tag = raw?.Trim().ToLowerInvariant() ?? "";
        if (tag.Length == 0) return (null, Reject.Invalid("The tag must not be empty."));
        if (tag.Length > MaxLength) return (null, Reject.Invalid($"A tag has at most {MaxLength} characters."));
        if (!Allowed().IsMatch(tag)) return (null, Reject.Invalid("A tag uses letters, digits, spaces, '-' and '_' only."));
        return (tag, null);
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} _-]*$")]
    private static partial Regex Allowed();
}
