namespace Chat.Api.Identity;

/// <summary>
/// Where a request came from, as sessions and the admin log keep it: the address (the proxy's, unless forwarded
/// headers are enabled) and the user agent, cut to what a list shows and stripped of control characters and lone
/// surrogates, which PostgreSQL's jsonb cannot hold.
/// </summary>
public sealed record ClientInfo(string? Ip, string? UserAgent)
{
    public const int MaxUserAgentLength = 256;

    public static ClientInfo Of(HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString(), Clean(http.Request.Headers.UserAgent.ToString()));

    private static string? Clean(string value)
    {
        var kept = new string(value.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(MaxUserAgentLength).ToArray()).Trim();
        return kept.Length == 0 ? null : kept;
    }
}
