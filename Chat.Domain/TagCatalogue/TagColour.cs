using System.Text.RegularExpressions;

namespace Chat.Domain.TagCatalogue;

/// <summary>A colour is "#rrggbb" and nothing else, so that it can go into a style attribute as it is.</summary>
public static partial class TagColour
{
    public const string Default = "#6b7280";

    public static (string? Colour, string? Problem) Normalize(string? raw) =>
        raw is not null && Pattern().IsMatch(raw) ? (raw.ToLowerInvariant(), null) : (null, "colour is a hex colour such as #0a7d32.");

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex Pattern();
}
