using JasperFx;
using StreamCollision = Marten.Exceptions.ExistingStreamIdCollisionException;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Writers to one conversation are serialised by its lock, so a version clash means another writer
/// slipped in without it. The whole command runs again on fresh state; if clashes persist, the
/// ConcurrencyException surfaces and becomes a 409.
/// </summary>
public static class ConcurrencyRetry
{
    private const int Attempts = 5;

    public static async Task<T> RunAsync<T>(Func<Task<T>> command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (Exception e) when (e is ConcurrencyException or StreamCollision && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), ct);
            }
        }
    }
}
