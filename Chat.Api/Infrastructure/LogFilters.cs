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
        .AddFilter(MartenCommandLogCategory, LogLevel.None)
        // Wolverine logs a failed command under the command's type, with the command itself: texts and names. A refusal
        // is not an error, and a fault reaches the log where it is answered, without the data.
        .AddFilter((_, category, _) => category is null || !CommandCategories.Contains(category))
        // ASP.NET Core's request lines hold the whole URL, and browsers pass the hubs' access token in the query string.
        // Registered after the configuration's rules, so turning request logs up there cannot bring tokens back; the
        // refusal log names method, path and status instead.
        .AddFilter(RequestLineCategory, LogLevel.Warning);

    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly HashSet<string> CommandCategories = typeof(LogFilters).Assembly.GetTypes()
        .Where(t => typeof(Conversations.IConversationCommand).IsAssignableFrom(t) && t.IsClass)
        .Select(t => t.FullName!).ToHashSet();

    public const string MartenCommandLogCategory = "Marten.IDocumentStore";
}
