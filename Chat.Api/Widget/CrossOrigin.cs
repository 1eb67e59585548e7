namespace Chat.Api.Widget;

public static class CrossOrigin
{
    /// <summary>
    /// Whether the request carries an Origin other than the service's own. Requests without one (servers, tests) are
    /// not foreign, nor are same-origin ones (the demo page); the host and port decide, not the scheme, since a proxy
    /// in front may end TLS. An opaque "null" origin is foreign.
    /// </summary>
    public static bool IsForeign(HttpRequest request, out string origin)
    {
        origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
