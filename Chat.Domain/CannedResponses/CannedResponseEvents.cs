namespace Chat.Domain.CannedResponses;

/// <summary>
/// A canned response's own stream. <c>OwnerId</c> null is a shared response of the workspace; otherwise the agent
/// whose personal response it is.
/// </summary>
public sealed record CannedResponseCreated(Guid ResponseId, Guid? OwnerId, string Shortcut, string Title, string Text,
    IReadOnlyList<string> Tags, Guid CreatedBy, DateTimeOffset CreatedAt);

public sealed record CannedResponseEdited(Guid ResponseId, string Shortcut, string Title, string Text, IReadOnlyList<string> Tags,
    Guid EditedBy, DateTimeOffset EditedAt);

public sealed record CannedResponseDeleted(Guid ResponseId, Guid DeletedBy, DateTimeOffset DeletedAt);

public sealed record CannedResponseRestored(Guid ResponseId, Guid RestoredBy, DateTimeOffset RestoredAt);

/// <summary>Write model of a canned response's stream: what edits, deletions and the shortcut claim need.</summary>
public sealed record CannedResponse(Guid Id, Guid? OwnerId, string Shortcut, string Title, string Text, IReadOnlyList<string> Tags, bool Deleted)
{
    public bool IsShared => OwnerId is null;

    public static CannedResponse Create(CannedResponseCreated e) => new(e.ResponseId, e.OwnerId, e.Shortcut, e.Title, e.Text, e.Tags, false);

    public CannedResponse Apply(CannedResponseEdited e) => this with { Shortcut = e.Shortcut, Title = e.Title, Text = e.Text, Tags = e.Tags };

    public CannedResponse Apply(CannedResponseDeleted _) => this with { Deleted = true };

    public CannedResponse Apply(CannedResponseRestored _) => this with { Deleted = false };
}
