using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Tests.Widget;

/// <summary>Requests as a browser on another site sends them: with an Origin header, and preflights before them.</summary>
public sealed class CrossOriginClient(ChatApp app)
{
    public const string AllowHeader = "Access-Control-Allow-Origin";

    public Task<HttpResponseMessage> PreflightAsync(string url, string origin, string method = "POST") =>
        SendAsync(new HttpRequestMessage(HttpMethod.Options, url)
        {
            Headers =
            {
                { "Origin", origin }, { "Access-Control-Request-Method", method },
                { "Access-Control-Request-Headers", "authorization,content-type" },
            },
        });

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, string? token, string? origin)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body, Support.Api.Json), Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = app.Host.Server.CreateClient();
        return await client.SendAsync(request);
    }

    public static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues(AllowHeader, out var values) ? string.Join(",", values) : null;

    public static bool HasCorsHeaders(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Any(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

    public static async Task<ProblemDetails> ShouldBeProblemAsync(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonSerializer.Deserialize<ProblemDetails>(await response.Content.ReadAsStringAsync(), Support.Api.Json)!;
        problem.Status.ShouldBe(status);
        problem.Title.ShouldNotBeNullOrWhiteSpace();
        return problem;
    }
}
