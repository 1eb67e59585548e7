namespace Chat.Domain.Macros;

/// <summary>A macro as its events leave it: the write model of its changes and, snapshotted inline, the list agents read.</summary>
public sealed record Macro(Guid Id, string Name, MacroScope Scope, Guid? OwnerId, IReadOnlyList<MacroAction> Actions, bool Deleted,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const int MaxNameLength = 80;
    public const int MaxActions = 20;

    public static Macro Create(MacroCreated e) => new(e.MacroId, e.Name, e.Scope, e.OwnerId, e.Actions, false, e.CreatedAt, e.CreatedAt);

    public Macro Apply(MacroChanged e) => this with { Name = e.Name, Actions = e.Actions, UpdatedAt = e.ChangedAt };

    public Macro Apply(MacroDeleted e) => this with { Deleted = true, UpdatedAt = e.DeletedAt };

    public Macro Apply(MacroRestored e) => this with { Deleted = false, UpdatedAt = e.RestoredAt };

    /// <summary>Who sees and runs it: everyone for a shared macro, its owner for a personal one.</summary>
    public bool IsVisibleTo(Guid agentId) => Scope == MacroScope.Shared || OwnerId == agentId;

    /// <summary>Who changes it: supervisors and admins the shared ones, the owner a personal one.</summary>
    public bool MayBeChangedBy(Guid agentId, bool canSupervise) => Scope == MacroScope.Shared ? canSupervise : OwnerId == agentId;
}

/// <summary>The rules of a macro's definition, shared by creating and changing one.</summary>
public static class MacroDefinition
{
    public static (string? Name, IReadOnlyList<MacroAction>? Actions, Rejection? Rejection) Check(string? name,
        IReadOnlyList<MacroAction>? actions, int maxTextLength)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return (null, null, Reject.Invalid("A macro needs a name."));
        if (trimmed.Length > Macro.MaxNameLength) return (null, null, Reject.Invalid($"A name has at most {Macro.MaxNameLength} characters."));
        if (trimmed.Any(char.IsControl)) return (null, null, Reject.Invalid("A name has no control characters."));
        if (actions is null || actions.Count is 0 or > Macro.MaxActions)
            return (null, null, Reject.Invalid($"A macro has 1 to {Macro.MaxActions} actions."));
        var checkedActions = new List<MacroAction>();
        foreach (var action in actions)
        {
            if (action is null) return (null, null, Reject.Invalid("An action must not be null."));
            var (ok, rejection) = action.Check(maxTextLength);
            if (rejection is not null) return (null, null, rejection);
            checkedActions.Add(ok!);
        }
        if (checkedActions.Count(a => a.Step == MacroStep.Close) > 1 || checkedActions.SkipWhile(a => a.Step != MacroStep.Close).Skip(1).Any())
            return (null, null, Reject.Invalid("Close can only be a macro's last action."));
        return (trimmed, checkedActions, null);
    }
}
