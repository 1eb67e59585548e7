namespace Chat.Api.Workspaces;

/// <summary>
/// What a workspace's allowed origin is: an http or https site, written as browsers send it in the Origin header
/// (lower case, punycode host, no default port, no path), so a lookup is an exact comparison.
/// </summary>
public static class AllowedOrigins
{
    public const int MaxCount = 50;
    private const int MaxLength = 253;

    /// <summary>The normalized, deduplicated list, or the reason the input is refused.</summary>
    public static (IReadOnlyList<string>? Origins, string? Problem) Normalize(IReadOnlyList<string?>? input)
    {
        if (input is null) return (null, "origins is required (an empty list allows no other site).");
        if (input.Count > MaxCount) return (null, $"At most {MaxCount} origins.");
        var origins = new List<string>();
        foreach (var raw in input)
        {
            var (origin, problem) = NormalizeOne(raw);
            if (problem is not null) return (null, problem);
            if (!origins.Contains(origin!)) origins.Add(origin!);
        }
        return (origins, null);
    }

    public static (string? Origin, string? Problem) NormalizeOne(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
            return (null, $"An origin is a non-empty scheme://host[:port] of at most {MaxLength} characters.");
        // No wildcards: each site that embeds the widget is named, so a look-alike domain never slips in.
        if (text.Contains('*')) return (null, $"'{text}' has a wildcard; name each origin.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.HostNameType == UriHostNameType.Unknown
            || string.IsNullOrEmpty(uri.Host))
            return (null, $"'{text}' is not an http or https origin (scheme://host[:port]).");
        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.EndsWith('?') || text.EndsWith('#'))
            return (null, $"'{text}' has more than scheme://host[:port]: an origin has no user, path, query or fragment.");
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return ($"{uri.Scheme}://{host.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}", null);
    }
}
