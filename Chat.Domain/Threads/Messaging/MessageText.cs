namespace Chat.Domain.Threads.Messaging;

/// <summary>The rules every message and note text obeys.</summary>
public static class MessageText
{
    public const int MaxClientMessageIdLength = 100;

    /// <param name="withFiles">A message that carries files may have no text.</param>
    public static Rejection? Check(string? text, int maxLength, bool withFiles = false) =>
        Text.IsBlank(text) ? (withFiles ? null : Reject.Invalid("The text must not be empty."))
        : text.Length > maxLength ? Reject.TooLarge($"The text has {text.Length} characters; at most {maxLength} are allowed.")
        : null;

    public static Rejection? CheckClientMessageId(string? clientMessageId) =>
        Text.IsBlank(clientMessageId) ? Reject.Invalid("A clientMessageId is required, so that a resend is recognised.")
        : clientMessageId.Length > MaxClientMessageIdLength ? Reject.Invalid($"The clientMessageId may have at most {MaxClientMessageIdLength} characters.")
        : null;
}
