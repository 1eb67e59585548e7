namespace Chat.Domain;

/// <summary>Why a command was refused; the API turns each kind into its HTTP status.</summary>
public enum RejectionKind { Invalid, TooLarge, NotFound, Forbidden, Conflict }

public sealed record Rejection(RejectionKind Kind, string Title, string Detail);

/// <summary>
/// The outcome of a pure decision: the events to append, or the reason nothing is appended.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public static Decision Append(params object[] events) => new(events, null);
    public static Decision Nothing { get; } = new([], null);
    public static Decision Reject(RejectionKind kind, string title, string detail) => new([], new Rejection(kind, title, detail));

    public bool IsRejected => Rejection is not null;

    public static implicit operator Decision(Rejection rejection) => new([], rejection);
}

public static class Reject
{
    public static Rejection Invalid(string detail) => new(RejectionKind.Invalid, "Invalid request", detail);
    public static Rejection TooLarge(string detail) => new(RejectionKind.TooLarge, "Content too large", detail);
    public static Rejection NotFound(string detail) => new(RejectionKind.NotFound, "Not found", detail);
    public static Rejection Forbidden(string detail) => new(RejectionKind.Forbidden, "Forbidden", detail);
    public static Rejection Conflict(string detail) => new(RejectionKind.Conflict, "Conflict", detail);
}
