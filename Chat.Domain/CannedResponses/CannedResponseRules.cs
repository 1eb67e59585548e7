using System.Text.RegularExpressions;
using Chat.Domain.Threads.Tagging;

namespace Chat.Domain.CannedResponses;

/// <summary>What a valid canned response looks like; each check answers with the problem, or null.</summary>
public static partial class CannedResponseRules
{
    public const int MaxShortcutLength = 32;
    public const int MaxTitleLength = 100;
    public const int MaxTags = 10;

    /// <summary>A shortcut is typed after "/" in the reply box: lower case, no spaces.</summary>
    public static (string? Shortcut, string? Problem) NormalizeShortcut(string? raw)
    {
        var shortcut = raw?.Trim().TrimStart('/').ToLowerInvariant() ?? "";
        if (shortcut.Length == 0) return (null, "shortcut is required.");
        if (shortcut.Length > MaxShortcutLength) return (null, $"shortcut has at most {MaxShortcutLength} characters.");
        return ShortcutPattern().IsMatch(shortcut) ? (shortcut, null) : (null, "shortcut uses letters, digits, '-' and '_' only.");
    }

    public static string? CheckTitle(string? title) =>
        Text.IsBlank(title) ? "title is required."
        : title.Trim().Length > MaxTitleLength ? $"title has at most {MaxTitleLength} characters."
        : null;

    public static string? CheckText(string? text, int maxLength) =>
        Text.IsBlank(text) ? "text is required."
        : text.Length > maxLength ? $"text has at most {maxLength} characters, as a message."
        : null;

    public static (IReadOnlyList<string>? Tags, string? Problem) NormalizeTags(IEnumerable<string>? raw)
    {
        var tags = new List<string>();
        foreach (var tag in raw ?? [])
        {
            var (name, rejection) = TagName.Normalize(tag);
            if (rejection is not null) return (null, $"tags: {rejection.Detail}");
            if (!tags.Contains(name!)) tags.Add(name!);
        }
        return tags.Count > MaxTags ? (null, $"A canned response has at most {MaxTags} tags.") : (tags, null);
    }

    [GeneratedRegex(@"^[\p{Ll}\p{N}][\p{Ll}\p{N}_-]*$")]
    private static partial Regex ShortcutPattern();
}
