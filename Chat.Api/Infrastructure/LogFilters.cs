using Chat.Api.RealTime;

namespace Chat.Api.Infrastructure;

/// <summary>Logs that tell the truth: refusals are not errors, and no log holds a message text, a password or a token.</summary>
public static class LogFilters
{
    public static ILoggingBuilder AddChatLogFilters(this ILoggingBuilder logging) => logging
        // HubInputFilter logs each hub call's outcome at its true level; the dispatcher logs every refusal as an error.
        .AddFilter(HubInputFilter.DispatcherLogCategory, LogLevel.Critical)
        // Marten logs a failed command with all its parameters: message texts, visitor names, password hashes.
        // The failure itself reaches the log where it is handled (ExceptionProblems, the exception handler, HubInputFilter).
        .AddFilter(MartenCommandLogCategory, LogLevel.None);

    public const string MartenCommandLogCategory = "Marten.IDocumentStore";
}
