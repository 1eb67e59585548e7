using JasperFx;
using Microsoft.AspNetCore.Diagnostics;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Turns the exceptions that describe a bad request or a lost race into problem details; anything else
/// is a real fault and stays a 500.
/// </summary>
public sealed class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var answer = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Of(StatusCodes.Status413PayloadTooLarge, "Content too large", "The request body is larger than allowed."),
            BadHttpRequestException bad => Problems.Invalid(Describe(bad)),
            ConcurrencyException => Problems.Of(StatusCodes.Status409Conflict, "Conflict",
                "The conversation changed at the same time; try again."),
            _ => null,
        };
        if (answer is null) return false;

        logger.LogDebug(exception, "Request refused");
        await answer.ExecuteAsync(context);
        return true;
    }

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this request: {json.Message}"
            : bad.Message;
}
