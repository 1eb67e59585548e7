using Wolverine;
using Wolverine.ErrorHandling;

namespace Chat.Api.Infrastructure;

public static class TransientFaultPolicy
{
    /// <summary>
    /// Background work (routing runs, deadlines, integration batches, webhook deliveries) meets the same
    /// outages as requests do: a database that restarts or refuses connections. Such a failure says nothing
    /// about the message, so it is retried: a few times at once, then later and later for as long as the
    /// outage lasts. A message is never dead-lettered for an outage; only real faults reach the error queue.
    /// </summary>
    public static WolverineOptions RetryTransientFaults(this WolverineOptions options)
    {
        options.Policies.OnException<Exception>(StoreFaults.IsTransient)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        return options;
    }
}
