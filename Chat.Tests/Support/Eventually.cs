namespace Chat.Tests.Support;

/// <summary>Bounded polling for a condition another process or a later retry brings about.</summary>
public static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {seconds}s: {what}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Reads until the value satisfies the condition or the time is up, and returns the last value read.</summary>
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(200);
        }
    }
}
