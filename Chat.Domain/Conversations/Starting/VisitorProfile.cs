namespace Chat.Domain.Conversations.Starting;

/// <summary>What the widget session knows of a visitor when their first message arrives.</summary>
public sealed record VisitorProfile(string VisitorId, string? Name, string? Email, string Source, string Group);
