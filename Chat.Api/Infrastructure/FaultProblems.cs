using JasperFx;
using Marten.Exceptions;

namespace Chat.Api.Infrastructure;

/// <summary>A refusal as HTTP and the hubs both answer it: status, title and detail.</summary>
public sealed record FaultProblem(int Status, string Title, string Detail);

/// <summary>
/// The exceptions that are not faults of the service but answers: a lost race (409), text PostgreSQL cannot store
/// (400) and an outage of the database (503). One table for HTTP (<see cref="ExceptionProblems"/>) and the hubs.
/// </summary>
public static class FaultProblems
{
    public const int RetryAfterSeconds = 5;

    /// <param name="exception">What was thrown.</param>
    /// <param name="what">What the client sent, as the detail names it: "request" or "call".</param>
    public static FaultProblem? Of(Exception exception, string what) => exception switch
    {
        ConcurrencyException => new(StatusCodes.Status409Conflict, "Conflict", "It changed at the same time as this request; try again."),
        DocumentAlreadyExistsException => AlreadyExists,
        _ => StoreFaults.Classify(exception) switch
        {
            StoreFault.UniqueViolation => AlreadyExists,
            StoreFault.UnstorableText => new(StatusCodes.Status400BadRequest, "Invalid request", $"The {what} holds text that cannot be stored."),
            StoreFault.Unavailable => new(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                $"The service cannot reach its storage right now. Try again in {RetryAfterSeconds} seconds: a send repeated with the same client message id is stored once."),
            _ => null,
        },
    };

    private static readonly FaultProblem AlreadyExists = new(StatusCodes.Status409Conflict, "Conflict", "It exists already.");
}
