using System.Security.Cryptography;
using System.Text;
using Chat.Api.Infrastructure;
using Marten;

namespace Chat.Api.Identity;

/// <summary>
/// Failed sign-ins of one email address in a row, kept by the address's hash whether or not an account holds it, so a
/// lockout tells nobody which addresses exist. Shared by every node through the database.
/// </summary>
public sealed record SignInFailures(string Id, int Count, DateTimeOffset LastFailureAt, DateTimeOffset? LockedUntil);

/// <summary>
/// A growing lockout per email: after <c>SignInFailuresBeforeLockout</c> failures in a row the address is locked for a
/// minute, and each further failure after a lockout doubles it, up to an hour. A success clears the count; a quiet
/// quarter of an hour forgets it. Per-address rate limits (<see cref="RateLimits"/>) catch one client trying many emails.
/// </summary>
public static class SignInThrottle
{
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static string KeyOf(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"sign-in/{email}")));

    /// <summary>How long the address stays locked, or null when it may try.</summary>
    public static TimeSpan? LockedFor(SignInFailures? failures, DateTimeOffset now) =>
        failures?.LockedUntil is { } until && until > now ? until - now : null;

    public static SignInFailures Failed(SignInFailures? before, string key, int allowed, DateTimeOffset now)
    {
        var count = before is null || now - before.LastFailureAt > Forget ? 1 : before.Count + 1;
        var beyond = count - Math.Max(1, allowed);
        DateTimeOffset? locked = beyond < 0
            ? null
            : now + TimeSpan.FromMinutes(Math.Min(Longest.TotalMinutes, Math.Pow(2, Math.Min(beyond, 10))));
        return new SignInFailures(key, count, now, locked);
    }

    public static IResult Locked(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString();
        return Problems.Of(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many failed sign-ins for this email; try again in {seconds} s.");
    }
}
