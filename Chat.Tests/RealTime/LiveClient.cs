using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Api.Identity;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.RealTime;

/// <summary>A push as a client received it: its method name and its JSON payload.</summary>
public sealed record Received(string Method, JsonElement Payload)
{
    public string? Type => Payload.TryGetProperty("type", out var type) ? type.GetString() : null;
    public long Version => Payload.GetProperty("version").GetInt64();
    public JsonElement Data => Payload.GetProperty("data");
}

/// <summary>
/// A real SignalR client on a real port. It records every push, and waits for the ones a test expects
/// by being told of each arrival, never by sleeping.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private static readonly string[] Methods = ["event", "inbox", "waiting", "typing", "presence"];
    private readonly ConcurrentQueue<Received> received = new();
    private readonly SemaphoreSlim arrived = new(0);

    private readonly TaskCompletionSource<DateTimeOffset> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        connection.Closed += _ =>
        {
            closed.TrySetResult(DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        };
        foreach (var method in Methods)
            connection.On<JsonElement>(method, payload =>
            {
                // Inbox rows come in batches; each row is recorded as a push of its own.
                foreach (var one in payload.ValueKind == JsonValueKind.Array ? payload.EnumerateArray().ToArray() : [payload])
                    received.Enqueue(new Received(method, one));
                arrived.Release();
            });
    }

    public HubConnection Connection { get; }

    /// <summary>When the connection closed, whoever closed it; this client never reconnects by itself.</summary>
    public Task<DateTimeOffset> Closed => closed.Task;
    public IReadOnlyList<Received> All => [.. received];
    public IEnumerable<Received> Events => received.Where(r => r.Method == "event");

    public static LiveClient For(string baseUrl, string hub, string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/{hub}", options =>
            {
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        return new LiveClient(connection);
    }

    public static async Task<LiveClient> ConnectAsync(string baseUrl, string hub, string? token)
    {
        var client = For(baseUrl, hub, token);
        await client.Connection.StartAsync();
        return client;
    }

    /// <summary>Waits until a received push matches, and returns it.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (received.FirstOrDefault(match) is { } found) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrived.WaitAsync(left))
                throw new TimeoutException($"No push of {what} within {seconds}s; received: {string.Join(", ", received.Select(r => $"{r.Method}/{r.Type}"))}");
        }
    }

    public Task<Received> WaitForEventAsync(string type, Func<Received, bool>? match = null) =>
        WaitForAsync(r => r.Method == "event" && r.Type == type && (match?.Invoke(r) ?? true), type);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

/// <summary>Plain HTTP calls to a node, for the tests that arrange over HTTP and watch over SignalR.</summary>
public static class NodeHttp
{
    private static readonly HttpClient Http = new();

    public static async Task<WidgetSession> NewVisitorAsync(this ApiNode node, Chat.Api.Identity.Workspace workspace)
    {
        var response = await Http.PostAsJsonAsync($"{node.BaseUrl}/api/widget/sessions", new { widgetKey = workspace.WidgetKey, name = "Live visitor" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WidgetSession>(Chat.Tests.Support.Api.Json))!;
    }

    /// <summary>Signs the agent in on this node, with the refresh token in the answer, as an API client does.</summary>
    public static async Task<TokenPair> LogInAsync(this ApiNode node, TestAgent agent)
    {
        var response = await Http.PostAsJsonAsync($"{node.BaseUrl}/api/auth/login", new { email = agent.Account.Email, password = TestAgent.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenPair>(Chat.Tests.Support.Api.Json))!;
    }

    /// <summary>Ends the session of this refresh token on this node.</summary>
    public static async Task LogOutAsync(this ApiNode node, string refreshToken)
    {
        var response = await Http.PostAsJsonAsync($"{node.BaseUrl}/api/auth/logout", new { refreshToken });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
    }

    /// <summary>The status a GET answers with this token, whatever it is.</summary>
    public static async Task<int> RawGetAsync(this ApiNode node, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{node.BaseUrl}{url}");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    public static async Task<JsonElement> PostAsync(this ApiNode node, string url, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{node.BaseUrl}{url}") { Content = JsonContent.Create(body, options: Chat.Tests.Support.Api.Json) };
        request.Headers.Authorization = new("Bearer", token);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> SendAsync(this ApiNode node, HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, $"{node.BaseUrl}{url}");
        if (body is not null) request.Content = JsonContent.Create(body, options: Chat.Tests.Support.Api.Json);
        request.Headers.Authorization = new("Bearer", token);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
