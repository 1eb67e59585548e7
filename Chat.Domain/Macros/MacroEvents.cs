namespace Chat.Domain.Macros;

/// <summary>Shared macros are the workspace's (supervisors keep them); personal ones are their owner's alone.</summary>
public enum MacroScope { Shared, Personal }

public interface IMacroEvent
{
    Guid MacroId { get; }
}

public sealed record MacroCreated(Guid MacroId, string Name, MacroScope Scope, Guid? OwnerId, IReadOnlyList<MacroAction> Actions,
    string CreatedBy, DateTimeOffset CreatedAt) : IMacroEvent;

public sealed record MacroChanged(Guid MacroId, string Name, IReadOnlyList<MacroAction> Actions, string ChangedBy, DateTimeOffset ChangedAt)
    : IMacroEvent;

public sealed record MacroDeleted(Guid MacroId, string DeletedBy, DateTimeOffset DeletedAt) : IMacroEvent;

public sealed record MacroRestored(Guid MacroId, string RestoredBy, DateTimeOffset RestoredAt) : IMacroEvent;
