namespace Chat.Domain.Conversations.Starting;

/// <summary>
/// What the widget session knows of a visitor when their first message arrives. Verified: the business's backend
/// signed who they are, so they are the same person on every device; otherwise all of it is self-declared.
/// </summary>
public sealed record VisitorProfile(string VisitorId, string? Name, string? Email, string Source, string Group, bool Verified = false);
