using System.Net;
using System.Text.Json;
using Alba;
using Chat.Api.AdminLog;
using Chat.Api.Identity;
using Chat.Tests.Catalog;
using Chat.Tests.Support;
using Marten;

namespace Chat.Tests.Identity;

/// <summary>A device an agent signs in from: its address and browser, which its session shows.</summary>
public sealed record Device(string Ip, string UserAgent)
{
    public static readonly Device Laptop = new("198.51.100.7", "Mozilla/5.0 (X11; Linux x86_64) Laptop");
    public static readonly Device Phone = new("203.0.113.42", "Mozilla/5.0 (Android 15) Phone");
}

/// <summary>What an API client does with its session: sign in, renew, sign out, and its own account's requests.</summary>
public static class Sessions
{
    public static async Task<TokenPair> LogInAsync(this ChatApp app, TestAgent agent, Device? device = null, string? password = null)
    {
        var answer = await app.SendAsync(HttpMethod.Post, "/api/auth/login",
            new { email = agent.Account.Email, password = password ?? TestAgent.Password }, null, device);
        answer.Status.ShouldBe(200, answer.Body);
        return answer.Read<TokenPair>();
    }

    public static Task<Answer> RefreshAsync(this ChatApp app, string refreshToken, Device? device = null) =>
        app.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken }, null, device);

    public static Task<Answer> LogOutAsync(this ChatApp app, string refreshToken, Device? device = null) =>
        app.SendAsync(HttpMethod.Post, "/api/auth/logout", new { refreshToken }, null, device);

    /// <summary>Any request, with the device's address and user agent, whatever its answer.</summary>
    public static async Task<Answer> SendAsync(this ChatApp app, HttpMethod method, string url, object? body, string? accessToken,
        Device? device = null)
    {
        device ??= Device.Laptop;
        var result = await app.Host.Scenario(s =>
        {
            var verb = method.Method switch { "GET" => s.Get, "PUT" => s.Put, "DELETE" => s.Delete, _ => s.Post };
            if (body is null) verb.Url(url);
            else verb.RawJson(JsonSerializer.Serialize(body, Support.Api.Json)).ToUrl(url);
            if (accessToken is not null) s.WithBearerToken(accessToken);
            s.WithRequestHeader("User-Agent", device.UserAgent);
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(device.Ip));
            s.IgnoreStatusCode();
        });
        return new Answer(result.Context.Response.StatusCode, result.Context.Response.ContentType ?? "", await result.ReadAsTextAsync());
    }

    /// <summary>The admin log's entries about an agent's sessions and password (not their sign-ins), oldest first.</summary>
    public static async Task<IReadOnlyList<SessionLogLine>> SessionLogAsync(this ChatApp app, TestAgent agent)
    {
        string[] actions = [AdminActions.SignedOut, AdminActions.SessionEnded, AdminActions.RefreshTokenReused, AdminActions.PasswordChanged];
        await using var session = app.Store.QuerySession();
        var entries = await session.Query<AdminLogEntry>().Where(e => e.Target == agent.Id.ToString() && actions.Contains(e.Action))
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        return entries.Select(e =>
        {
            var after = JsonDocument.Parse(e.After!).RootElement;
            string? Text(string name) => after.TryGetProperty(name, out var value) ? value.GetString() : null;
            return new SessionLogLine(e.Action, e.WorkspaceId, e.ActorId, e.Ip, Text("userAgent"), after.GetProperty("session") is { ValueKind: JsonValueKind.String } id ? id.GetGuid() : null,
                Text("reason"), e.At);
        }).ToList();
    }

    /// <summary>
    /// Given that the renewal which spent this refresh token happened longer ago than the grace: its family's rotation is
    /// moved back in the store, as the clock would have moved on.
    /// </summary>
    public static async Task TheGraceHasPassedSinceItWasSpentAsync(this ChatApp app, string refreshToken)
    {
        await using var session = app.Store.LightweightSession();
        var token = (await session.LoadAsync<RefreshToken>(TokenIssuer.HashOf(refreshToken))).ShouldNotBeNull();
        var family = (await session.LoadAsync<SessionFamily>(token.FamilyId!.Value)).ShouldNotBeNull();
        family.PreviousTokenId.ShouldBe(token.Id);
        session.Store(family with { RotatedAt = family.RotatedAt!.Value.AddMinutes(-1) });
        await session.SaveChangesAsync();
    }
}

/// <summary>An admin log entry about a session or a password, as the identity specifications compare it.</summary>
public sealed record SessionLogLine(string Action, string WorkspaceId, Guid? ActorId, string? Ip, string? UserAgent, Guid? Session, string? Reason,
    DateTimeOffset At);
