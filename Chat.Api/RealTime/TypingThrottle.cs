using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.RealTime;

/// <summary>
/// One typing signal per connection and interval at most: keystrokes arrive far faster than anyone
/// needs to be told about them. The signal lives a few intervals, so it expires on its own when typing stops.
/// </summary>
public static class TypingThrottle
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const string LastSignalKey = "typing:last";

    public static bool Admit(HubCallerContext context, DateTimeOffset now)
    {
        if (context.Items.TryGetValue(LastSignalKey, out var last) && last is DateTimeOffset previous && now - previous < Interval)
            return false;
        context.Items[LastSignalKey] = now;
        return true;
    }
}
