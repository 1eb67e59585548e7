namespace Chat.Tests.Support;

/// <summary>Polls an observable condition that settles on its own time (a retry after an outage), within a bound.</summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
