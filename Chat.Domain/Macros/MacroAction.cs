using Chat.Domain.Threads;
using Chat.Domain.Threads.Tagging;

namespace Chat.Domain.Macros;

/// <summary>The kinds of step a macro takes, in the order it lists them.</summary>
public enum MacroStep { AddTags, SetPriority, SetStatus, Assign, Reply, Note, Close, Canned }

/// <summary>
/// One step of a macro. A flat record rather than a type per step: it is stored inside the macro's events and sent
/// by the dashboard as JSON, where one shape with a <see cref="Step"/> reads plainly; <see cref="Check"/> says which
/// fields each step needs and refuses the others.
/// </summary>
public sealed record MacroAction(
    MacroStep Step,
    IReadOnlyList<string>? Tags = null,
    Priority? Priority = null,
    ThreadStatus? Status = null,
    int? SnoozeMinutes = null,
    Guid? AgentId = null,
    string? Group = null,
    string? Text = null,
    Guid? CannedResponseId = null)
{
    public const int MaxSnoozeMinutes = 60 * 24 * 365;

    /// <summary>
    /// Every name each tag has had, filled when a run resolves the tags through the catalogue, so that a thread carrying a
    /// tag under a former name is not tagged again under the current one. Never stored with the macro.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? SameTags { get; init; }

    /// <summary>The step normalised (tags in lower case, texts trimmed), or why it cannot be part of a macro.</summary>
    public (MacroAction? Action, Rejection? Rejection) Check(int maxTextLength)
    {
        var given = new[] { Tags is not null, Priority is not null, Status is not null, SnoozeMinutes is not null, AgentId is not null,
            Group is not null, Text is not null, CannedResponseId is not null };
        var needed = Step switch
        {
            MacroStep.AddTags => new[] { true, false, false, false, false, false, false, false },
            MacroStep.SetPriority => [false, true, false, false, false, false, false, false],
            MacroStep.SetStatus => [false, false, true, Status == ThreadStatus.Snoozed, false, false, false, false],
            MacroStep.Assign => [false, false, false, false, AgentId is not null, AgentId is null, false, false],
            MacroStep.Reply or MacroStep.Note => [false, false, false, false, false, false, true, false],
            MacroStep.Close => [false, false, false, false, false, false, Text is not null, false],
            MacroStep.Canned => [false, false, false, false, false, false, false, true],
            _ => null,
        };
        if (needed is null) return (null, Reject.Invalid($"'{Step}' is not a macro step."));
        if (!given.SequenceEqual(needed)) return (null, Reject.Invalid($"A {Step} step takes {Needs(Step)}."));

        switch (Step)
        {
            case MacroStep.AddTags:
                if (Tags!.Count is 0 or > 20) return (null, Reject.Invalid("An AddTags step lists 1 to 20 tags."));
                var tags = new List<string>();
                foreach (var raw in Tags)
                {
                    var (tag, rejection) = TagName.Normalize(raw);
                    if (rejection is not null) return (null, rejection);
                    tags.Add(tag!);
                }
                return (this with { Tags = tags.Distinct().ToList() }, null);
            case MacroStep.SetStatus when Status is not (ThreadStatus.Open or ThreadStatus.Pending or ThreadStatus.Snoozed):
                return (null, Reject.Invalid("A SetStatus step sets open, pending or snoozed; Close is a step of its own."));
            case MacroStep.SetStatus when SnoozeMinutes is { } minutes && (minutes < 1 || minutes > MaxSnoozeMinutes):
                return (null, Reject.Invalid($"snoozeMinutes is from 1 to {MaxSnoozeMinutes}."));
            case MacroStep.Assign when Group is not null:
                var (group, badGroup) = TagName.Normalize(Group);
                return badGroup is not null ? (null, Reject.Invalid("The group is not a valid group id.")) : (this with { Group = group }, null);
            case MacroStep.Reply or MacroStep.Note:
                if (Domain.Text.IsBlank(Text)) return (null, Reject.Invalid($"A {Step} step needs a text."));
                if (Text!.Trim().Length > maxTextLength) return (null, Reject.TooLarge($"A text has at most {maxTextLength} characters."));
                return (this with { Text = Text.Trim() }, null);
            case MacroStep.Close when Text?.Length > 500:
                return (null, Reject.Invalid("A close reason has at most 500 characters."));
        }
        return (this, null);
    }

    private static string Needs(MacroStep step) => step switch
    {
        MacroStep.AddTags => "tags only",
        MacroStep.SetPriority => "a priority only",
        MacroStep.SetStatus => "a status (and snoozeMinutes when snoozed) only",
        MacroStep.Assign => "an agentId or a group, not both",
        MacroStep.Reply or MacroStep.Note => "a text only",
        MacroStep.Canned => "a cannedResponseId only",
        _ => "at most a text (the reason)",
    };
}
