namespace Chat.Domain.Conversations.Contact;

/// <summary>
/// The visitor tells how to reach them: an email, and optionally a name. A name left out keeps the one already known
/// (from the widget session or an earlier contact), so a form with an empty name field does not erase it.
/// </summary>
public sealed record GiveContact(string? Name, string? Email);

public static class GiveContactDecision
{
    public const int MaxNameLength = 200;

    public static Decision Decide(GiveContact command, Conversation conversation, DateTimeOffset now)
    {
        var email = command.Email?.Trim() ?? "";
        if (email.Length == 0) return Reject.Invalid("email is required.");
        if (email.Length > EmailAddress.MaxLength) return Reject.Invalid($"email has at most {EmailAddress.MaxLength} characters.");
        if (!EmailAddress.IsWellFormed(email)) return Reject.Invalid("email is not a valid address.");
        if (command.Name?.Length > MaxNameLength) return Reject.Invalid($"name has at most {MaxNameLength} characters.");
        if (command.Name is not null && !Text.IsStorable(command.Name)) return Reject.Invalid($"name {Text.UnstorableReason}.");

        var name = Text.IsBlank(command.Name) ? conversation.VisitorName : command.Name.Trim();
        return name == conversation.VisitorName && email == conversation.VisitorEmail
            ? Decision.Nothing
            : Decision.Append(new VisitorContactGiven(conversation.Id, conversation.VisitorId, name, email, now));
    }
}
