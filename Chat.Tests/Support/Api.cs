using System.Text.Json;
using System.Text.Json.Serialization;
using Alba;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Tests.Support;

/// <summary>Thin helpers over Alba scenarios that speak the API's JSON (camelCase, enums as strings).</summary>
public sealed class Api(IAlbaHost host)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<T> PostAsync<T>(string url, object? body, string? token, int expect = 200) =>
        Read<T>(await SendAsync(HttpMethod.Post, url, body, token, expect));

    public async Task<T> PutAsync<T>(string url, object? body, string? token, int expect = 200) =>
        Read<T>(await SendAsync(HttpMethod.Put, url, body, token, expect));

    public async Task<T> GetAsync<T>(string url, string? token, int expect = 200) =>
        Read<T>(await SendAsync(HttpMethod.Get, url, null, token, expect));

    /// <summary>Sends a request that must be refused, and returns its RFC 9457 problem details.</summary>
    public async Task<ProblemDetails> RefusedAsync(HttpMethod method, string url, object? body, string? token, int expect)
    {
        var text = await SendAsync(method, url, body, token, expect);
        var problem = JsonSerializer.Deserialize<ProblemDetails>(text, Json)!;
        problem.Status.ShouldBe(expect);
        problem.Title.ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    public async Task<string> SendAsync(HttpMethod method, string url, object? body, string? token, int expect)
    {
        var raw = body as string ?? (body is null ? null : JsonSerializer.Serialize(body, Json));
        return await SendRawAsync(method, url, raw, token, expect);
    }

    public async Task<string> SendRawAsync(HttpMethod method, string url, string? rawJson, string? token, int expect)
    {
        var result = await host.Scenario(s =>
        {
            var verb = method.Method switch
            {
                "GET" => s.Get, "PUT" => s.Put, "PATCH" => s.Patch, "DELETE" => s.Delete, _ => s.Post,
            };
            if (rawJson is null) verb.Url(url);
            else verb.RawJson(rawJson).ToUrl(url);
            if (token is not null) s.WithBearerToken(token);
            // 0 accepts any success: concurrent sends of one message may be created (201) or repeated (200).
            if (expect == 0) s.IgnoreStatusCode();
            else s.StatusCodeShouldBe(expect);
        });
        if (expect == 0) result.Context.Response.StatusCode.ShouldBeOneOf(200, 201);
        return await result.ReadAsTextAsync();
    }

    private static T Read<T>(string text) => JsonSerializer.Deserialize<T>(text, Json)!;
}

public static class ApiExtensions
{
    public static Api Api(this ChatApp app) => new(app.Host);
}
