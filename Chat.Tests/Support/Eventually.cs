namespace Chat.Tests.Support;

/// <summary>Bounded polling for a condition another process brings about.</summary>
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
}
