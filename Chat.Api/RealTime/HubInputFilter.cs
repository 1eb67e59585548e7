using Chat.Api.Infrastructure;
using Chat.Domain;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.RealTime;

/// <summary>
/// Every hub call passes here. Arguments obey the same rules as HTTP input (storable text, enum values
/// that have a name), refused with 400 problem details naming the parameter. Refusals are logged once at
/// Information without a stack trace; store faults become the problems HTTP answers (409, 400, 503); only
/// a real fault is logged at Error with its stack trace. SignalR's own dispatcher log, which reports every
/// exception at Error, is silenced (<see cref="LogFilters"/>).
/// </summary>
public sealed class HubInputFilter(ILogger<HubInputFilter> logger) : IHubFilter
{
    public const string DispatcherLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = $"{invocation.Hub.GetType().Name}.{invocation.HubMethodName}";
        try
        {
            if (ArgumentProblem(invocation) is { } problem) throw HubProblem.Of(400, "Invalid request", problem);
            return await next(invocation);
        }
        catch (HubException refusal)
        {
            logger.LogInformation("Hub call {Method} refused: {Problem}", method, refusal.Message);
            throw;
        }
        catch (Exception exception) when (AsProblem(exception) is { } problem)
        {
            logger.LogInformation("Hub call {Method} refused: {Reason}", method, exception.GetType().Name);
            throw problem;
        }
        catch (OperationCanceledException) when (invocation.Context.ConnectionAborted.IsCancellationRequested)
        {
            logger.LogInformation("Hub call {Method} ended: the connection closed", method);
            throw;
        }
        catch (Exception fault)
        {
            logger.LogError(fault, "Hub call {Method} failed", method);
            throw;
        }
    }

    private static string? ArgumentProblem(HubInvocationContext invocation)
    {
        var parameters = invocation.HubMethod.GetParameters();
        for (var i = 0; i < parameters.Length && i < invocation.HubMethodArguments.Count; i++)
        {
            var name = parameters[i].Name;
            switch (invocation.HubMethodArguments[i])
            {
                case StorableTextConverter.Unreadable:
                    return $"'{name}' is not readable text (a string of valid Unicode).";
                case string text when !Text.IsStorable(text):
                    return $"'{name}' {Text.UnstorableReason}.";
                case Guid id when id == MarkedGuidConverter.Unreadable:
                    return $"'{name}' is not an id.";
                case long number when number == MarkedWholeNumberConverter.Unreadable:
                    return $"'{name}' is not a whole number.";
                case Enum value when !Enum.IsDefined(value.GetType(), value):
                    return $"'{name}' is one of {string.Join(", ", Enum.GetNames(value.GetType()))}.";
            }
        }
        return null;
    }

    private static HubException? AsProblem(Exception exception) =>
        FaultProblems.Of(exception, "call") is { } problem ? HubProblem.Of(problem.Status, problem.Title, problem.Detail) : null;
}
