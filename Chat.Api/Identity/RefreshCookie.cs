namespace Chat.Api.Identity;

/// <summary>
/// The dashboard's refresh token, kept where the page's scripts cannot read it (HttpOnly), sent only to the auth
/// endpoints (Path) and only from pages of this site (SameSite=Strict); the Origin gate refuses what other sites send.
/// Secure only over HTTPS: some browsers drop Secure cookies of a plain-http development server.
/// </summary>
public static class RefreshCookie
{
    public const string Name = "chat_refresh";
    public const string Path = "/api/auth";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static void Set(HttpContext context, string refreshToken, TimeSpan lifetime)
    {
        var options = Options(context.Request);
        options.MaxAge = lifetime;
        context.Response.Cookies.Append(Name, refreshToken, options);
    }

    /// <summary>An expired cookie of the same name and path, which the browser drops.</summary>
    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context.Request));

    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Secure = request.IsHttps,
        IsEssential = true,
    };
}
