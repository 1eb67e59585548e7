using JasperFx;
using StreamCollision = Marten.Exceptions.ExistingStreamIdCollisionException;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Writers to one conversation are serialised by its lock, so a version clash, or a unique violation (a
/// resend stored twice, a hash-chain position taken twice), means another writer slipped in without it.
/// The whole command runs again on fresh state, where a resend finds its stored message; if clashes
/// persist, the exception surfaces and becomes a 409.
/// </summary>
public static class ConcurrencyRetry
{
    private const int Attempts = 10;

    public static async Task<T> RunAsync<T>(Func<Task<T>> command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (Exception e) when (IsLostRace(e) && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), ct);
            }
        }
    }

    /// <summary>Marten reports several versioned documents that failed their check in one save as an aggregate.</summary>
    private static bool IsLostRace(Exception e) =>
        e is ConcurrencyException or StreamCollision || StoreFaults.Classify(e) == StoreFault.UniqueViolation
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsLostRace));
}
