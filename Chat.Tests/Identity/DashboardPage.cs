using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chat.Api.Identity;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Chat.Tests.Identity;

/// <summary>A request's answer with the refresh cookie it set or cleared, if any.</summary>
public sealed record AuthAnswer(int Status, string ContentType, string Body, SetCookieHeaderValue? Cookie)
{
    public TokenPair Pair => JsonSerializer.Deserialize<TokenPair>(Body, Support.Api.Json)!;

    public bool ClearsCookie => Cookie is { } c && c.Value.Length == 0 && c.Expires < DateTimeOffset.UtcNow;

    public ProblemDetails ShouldBeProblem(int status)
    {
        Status.ShouldBe(status);
        ContentType.ShouldStartWith("application/problem+json");
        var problem = JsonSerializer.Deserialize<ProblemDetails>(Body, Support.Api.Json)!;
        problem.Status.ShouldBe(status);
        return problem;
    }
}

/// <summary>
/// The dashboard's page as a browser runs it: requests from its origin (the service's own) or from another, and the
/// refresh cookie kept as the browser keeps it, set and cleared by the answers and sent with the next request.
/// </summary>
public sealed class DashboardPage(ChatApp app, string origin = DashboardPage.OwnOrigin)
{
    public const string OwnOrigin = "http://localhost";

    public string? RefreshCookie { get; set; }

    public Task<AuthAnswer> LogInAsync(TestAgent agent, string session = "cookie", string scheme = "http") =>
        PostAsync($"{scheme}://localhost/api/auth/login", new { email = agent.Account.Email, password = TestAgent.Password, session });

    public Task<AuthAnswer> RefreshAsync(object? body = null) => PostAsync("/api/auth/refresh", body ?? new { session = "cookie" });

    public Task<AuthAnswer> LogOutAsync(object? body = null) => PostAsync("/api/auth/logout", body ?? new { });

    public Task<AuthAnswer> PostAsync(string url, object body) =>
        SendAsync(url, new StringContent(JsonSerializer.Serialize(body, Support.Api.Json), Encoding.UTF8, "application/json"));

    public async Task<AuthAnswer> SendAsync(string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Origin", origin);
        if (RefreshCookie is not null) request.Headers.Add("Cookie", $"{Chat.Api.Identity.RefreshCookie.Name}={RefreshCookie}");
        using var client = app.Host.Server.CreateClient();
        using var response = await client.SendAsync(request);

        var cookie = response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).SingleOrDefault(c => c.Name == Chat.Api.Identity.RefreshCookie.Name)
            : null;
        var answer = new AuthAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "",
            await response.Content.ReadAsStringAsync(), cookie);
        if (cookie is not null) RefreshCookie = answer.ClearsCookie ? null : cookie.Value.ToString();
        return answer;
    }

    /// <summary>Whether an access token opens the staff API.</summary>
    public async Task<bool> OpensTheInboxAsync(string accessToken)
    {
        using var client = app.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await client.GetAsync("/api/inbox")).IsSuccessStatusCode;
    }
}
