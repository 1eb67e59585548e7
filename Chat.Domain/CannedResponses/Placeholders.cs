using System.Text.RegularExpressions;

namespace Chat.Domain.CannedResponses;

/// <summary>What a conversation knows to fill a canned response's placeholders with.</summary>
public sealed record PlaceholderValues(IReadOnlyDictionary<string, string?> Visitor, string? AgentName, string? WorkspaceName);

/// <summary>The filled text, and the placeholders left as typed (unknown, or known but empty here).</summary>
public sealed record RenderedText(string Text, IReadOnlyList<string> Unfilled);

/// <summary>
/// Fills <c>{{visitor.name}}</c>, <c>{{visitor.&lt;attribute&gt;}}</c>, <c>{{agent.name}}</c> and <c>{{workspace.name}}</c>.
/// A placeholder that cannot be filled stays in the text exactly as typed, so the agent sees the gap before sending,
/// instead of a sentence with a silent hole.
/// </summary>
public static partial class Placeholders
{
    public static RenderedText Render(string text, PlaceholderValues values)
    {
        var unfilled = new List<string>();
        var rendered = Placeholder().Replace(text, match =>
        {
            var value = ValueOf(match.Groups["path"].Value.ToLowerInvariant(), values);
            if (!string.IsNullOrWhiteSpace(value)) return value;
            if (!unfilled.Contains(match.Value)) unfilled.Add(match.Value);
            return match.Value;
        });
        return new RenderedText(rendered, unfilled);
    }

    private static string? ValueOf(string path, PlaceholderValues values) => path switch
    {
        "agent.name" => values.AgentName,
        "workspace.name" => values.WorkspaceName,
        _ when path.StartsWith("visitor.", StringComparison.Ordinal) => values.Visitor.GetValueOrDefault(path["visitor.".Length..]),
        _ => null,
    };

    [GeneratedRegex(@"\{\{\s*(?<path>[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+)\s*\}\}")]
    private static partial Regex Placeholder();
}
