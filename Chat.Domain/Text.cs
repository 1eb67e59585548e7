using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Chat.Domain;

/// <summary>
/// The rules every piece of text obeys before it is anything else: it must be storable (PostgreSQL refuses
/// U+0000, and an unpaired surrogate has no UTF-8 form), and where text is required, text made only of
/// whitespace and invisible formatting characters (zero-width spaces and joiners, word joiner, BOM, bidi
/// controls) counts as empty. Such characters inside real text are kept as sent.
/// </summary>
public static class Text
{
    public const string UnstorableReason = "holds a character that cannot be stored (U+0000 or an unpaired surrogate)";

    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>True when nothing visible is left once whitespace and format characters (category Cf) are removed.</summary>
    public static bool IsBlank([NotNullWhen(false)] string? text)
    {
        if (text is null) return true;
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format) return false;
        return true;
    }
}
