using Microsoft.AspNetCore.Diagnostics;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Turns the exceptions that describe a bad request, a lost race or an outage into problem details;
/// anything else is a real fault and stays a 500. Refusals are logged without a stack trace, faults with one.
/// </summary>
public sealed class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var answer = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Of(StatusCodes.Status413PayloadTooLarge, "Content too large", "The request body is larger than allowed."),
            // A body that is not JSON: also what keeps a plain HTML form of another site from posting.
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } bad =>
                Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", bad.Message),
            BadHttpRequestException bad => Problems.Invalid(Describe(bad)),
            _ when FaultProblems.Of(exception, "request") is { } problem => Answer(context, problem),
            _ => null,
        };
        if (answer is null)
        {
            // The client went away mid-request: nothing to answer, nothing wrong with the service.
            if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                logger.LogInformation("Request {Method} {Path} aborted by the client", context.Request.Method, context.Request.Path);
                context.Response.StatusCode = 499;
                return true;
            }
            return false;
        }

        // RefusalLog writes the one Information line of the refusal; this only says which exception it came from.
        logger.LogDebug("Request {Method} {Path} refused: {Reason}", context.Request.Method, context.Request.Path,
            exception.GetType().Name);
        await answer.ExecuteAsync(context);
        return true;
    }

    private static IResult Answer(HttpContext context, FaultProblem problem)
    {
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = FaultProblems.RetryAfterSeconds.ToString();
        return Problems.Of(problem.Status, problem.Title, problem.Detail);
    }

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException switch
        {
            // A converter's own refusal carries its path apart from its message.
            System.Text.Json.JsonException { Path: { } path } json when !json.Message.Contains("Path:") =>
                $"The body is not valid for this request at {path}: {json.Message}",
            System.Text.Json.JsonException json => $"The body is not valid JSON for this request: {json.Message}",
            _ => bad.Message,
        };
}
