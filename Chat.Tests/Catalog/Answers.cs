using System.Text.Json;
using Alba;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Tests.Catalog;

/// <summary>A request's status and body, whatever the status, for tests that send many at once and sort the answers.</summary>
public sealed record Answer(int Status, string ContentType, string Body)
{
    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, Support.Api.Json)!;

    public ProblemDetails ShouldBeProblem(int status)
    {
        Status.ShouldBe(status);
        ContentType.ShouldStartWith("application/problem+json");
        var problem = Read<ProblemDetails>();
        problem.Status.ShouldBe(status);
        problem.Title.ShouldNotBeNullOrWhiteSpace();
        return problem;
    }
}

public static class Answers
{
    public static async Task<Answer> PostAnyAsync(this ChatApp app, string url, object body, string? token)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.RawJson(JsonSerializer.Serialize(body, Support.Api.Json)).ToUrl(url);
            if (token is not null) s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        return new Answer(result.Context.Response.StatusCode, result.Context.Response.ContentType ?? "", await result.ReadAsTextAsync());
    }

    /// <summary>Sends them all at once and waits for every answer.</summary>
    public static Task<Answer[]> AllAtOnceAsync(int count, Func<int, Task<Answer>> send) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => send(i))));
}
