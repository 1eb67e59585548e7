using System.Net;
using System.Text.Json;
using Alba;
using Chat.Api.Conversations;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.RealTime;
using Chat.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Robustness;

/// <summary>
/// Floods and guessers meet a 429 problem with Retry-After that changes nothing, and only the address, visitor,
/// connection or workspace that went too far is held back. Each specification runs its own host with small limits.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class RateLimitTests
{
    private static Task<ChatApp> HostWithAsync(Action<RateLimitOptions> limits) =>
        TestDatabase.OtherAsync(TestDatabase.Beside("_limits")).ContinueWith(database =>
            ChatApp.StartAsync(database.Result, o => limits(o.RateLimits))).Unwrap();

    [Fact]
    public async Task Sign_ins_are_limited_per_address_and_another_address_still_signs_in()
    {
        await using var app = await HostWithAsync(l => l.LoginsPerAddressPerMinute = 3);
        var workspace = await app.NewWorkspaceAsync();
        var wrong = new { email = workspace.Agent.Account.Email, password = "a guess" };
        var right = new { email = workspace.Agent.Account.Email, password = TestAgent.Password };

        for (var i = 0; i < 3; i++) await SendFromAsync(app, "10.0.0.1", "/api/auth/login", wrong, 401);
        var refused = await SendFromAsync(app, "10.0.0.1", "/api/auth/login", right, 429);

        ShouldBeTooManyRequests(refused);
        await SendFromAsync(app, "10.0.0.2", "/api/auth/login", right, 200);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_email_for_growing_times_alike_for_unknown_addresses()
    {
        await using var app = await HostWithAsync(l => l.SignInFailuresBeforeLockout = 3);
        var workspace = await app.NewWorkspaceAsync();
        var email = workspace.Agent.Account.Email;
        var nobody = $"nobody-{Guid.NewGuid():N}@nowhere.test";

        async Task<int> LockAfterFailuresAsync(string address)
        {
            for (var i = 0; i < 3; i++)
                await SendFromAsync(app, $"10.0.3.{i}", "/api/auth/login", new { email = address, password = "a guess" }, 401);
            var locked = await SendFromAsync(app, "10.0.3.9", "/api/auth/login", new { email = address, password = TestAgent.Password }, 429);
            ShouldBeTooManyRequests(locked);
            return int.Parse(locked.Context.Response.Headers.RetryAfter.ToString());
        }

        var first = await LockAfterFailuresAsync(email);
        // An unknown address is locked alike, so a lockout tells nothing.
        (await LockAfterFailuresAsync(nobody)).ShouldBeInRange(first - 1, first + 1);
        await SendFromAsync(app, "10.0.3.9", "/api/auth/login", new { email = workspace.OtherAgent.Account.Email, password = TestAgent.Password }, 200);

        // The lockout ends; the next wrong password locks again, for longer.
        await using (var session = app.Store.LightweightSession())
        {
            var key = SignInThrottle.KeyOf(email);
            var failures = await session.LoadAsync<SignInFailures>(key);
            session.Store(failures! with { LockedUntil = DateTimeOffset.UtcNow.AddSeconds(-1) });
            await session.SaveChangesAsync();
        }
        await SendFromAsync(app, "10.0.3.1", "/api/auth/login", new { email, password = "another guess" }, 401);
        var longer = await SendFromAsync(app, "10.0.3.9", "/api/auth/login", new { email, password = TestAgent.Password }, 429);
        int.Parse(longer.Context.Response.Headers.RetryAfter.ToString()).ShouldBeGreaterThan(first);
    }

    [Fact]
    public async Task Widget_sessions_are_limited_per_address()
    {
        await using var app = await HostWithAsync(l => l.WidgetSessionsPerAddressPerMinute = 2);
        var workspace = await app.NewWorkspaceAsync();
        var start = new { widgetKey = workspace.Workspace.WidgetKey, name = "Visitor" };

        for (var i = 0; i < 2; i++) await SendFromAsync(app, "10.0.1.1", "/api/widget/sessions", start, 200);

        ShouldBeTooManyRequests(await SendFromAsync(app, "10.0.1.1", "/api/widget/sessions", start, 429));
        await SendFromAsync(app, "10.0.1.2", "/api/widget/sessions", start, 200);
    }

    [Fact]
    public async Task Sign_ups_are_limited_per_address()
    {
        await using var app = await HostWithAsync(l => l.SignUpsPerAddressPerHour = 1);
        object SignUp() => new { workspaceName = "Shop", email = $"{Guid.NewGuid():N}@shop.test", password = "a password long enough" };

        await SendFromAsync(app, "10.0.2.1", "/api/signup", SignUp(), 201);

        ShouldBeTooManyRequests(await SendFromAsync(app, "10.0.2.1", "/api/signup", SignUp(), 429));
        await SendFromAsync(app, "10.0.2.2", "/api/signup", SignUp(), 201);
    }

    [Fact]
    public async Task A_visitor_who_floods_is_refused_without_a_message_stored_and_another_visitor_still_writes()
    {
        await using var app = await HostWithAsync(l => l.VisitorMessagesPerMinute = 3);
        var workspace = await app.NewWorkspaceAsync();
        var flooder = await workspace.NewVisitorAsync("Flooder");
        var other = await workspace.NewVisitorAsync("Other");

        for (var i = 0; i < 3; i++) await flooder.SendAsync($"Message {i}");
        ShouldBeTooManyRequests(await SendFromAsync(app, null, "/api/visitor/messages",
            new { text = "One too many", clientMessageId = "flood" }, 429, flooder.Token));
        await other.SendAsync("Hello");

        var stored = await app.Api().SendAsync(HttpMethod.Get, $"/api/conversations/{flooder.ConversationId}", null, workspace.Agent.Token, 200);
        stored.ShouldNotContain("One too many");
        JsonDocument.Parse(stored).RootElement.GetProperty("currentThread").GetProperty("messages").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task One_workspace_over_its_ceiling_is_held_back_while_another_is_served()
    {
        await using var app = await HostWithAsync(l => l.WorkspaceRequestsPerSecond = 5);
        var busy = await app.NewWorkspaceAsync();
        var quiet = await app.NewWorkspaceAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => StatusOfAsync(app, busy.Agent.Token)));
        var quietStatuses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => StatusOfAsync(app, quiet.Agent.Token)));

        statuses.ShouldContain(429);
        statuses.ShouldAllBe(s => s == 200 || s == 429);
        quietStatuses.ShouldAllBe(s => s == 200);
    }

    [Fact]
    public async Task Hub_calls_are_limited_per_connection_and_the_connection_stays_open()
    {
        await using var app = await HostWithAsync(l => l.HubCallsPerSecond = 2);
        var workspace = await app.NewWorkspaceAsync();
        await using var hasty = app.HubConnection("agent", workspace.Agent.Token);
        await using var calm = app.HubConnection("agent", workspace.OtherAgent.Token);
        await hasty.StartAsync();
        await calm.StartAsync();

        var refusals = new List<HubProblemDetails>();
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await hasty.InvokeAsync("SetStatus", "Online");
            }
            catch (HubException refused)
            {
                refusals.Add(JsonSerializer.Deserialize<HubProblemDetails>(refused.Message[refused.Message.IndexOf('{')..], JsonSerializerOptions.Web)!);
            }
        }

        refusals.ShouldNotBeEmpty();
        refusals.ShouldAllBe(p => p.Status == 429 && p.Title == "Too many requests");
        hasty.State.ShouldBe(HubConnectionState.Connected);
        await calm.InvokeAsync("SetStatus", "Online");
    }

    private static async Task<int> StatusOfAsync(ChatApp app, string token)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/inbox");
            s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    private static async Task<IScenarioResult> SendFromAsync(ChatApp app, string? address, string url, object body, int expect, string? token = null) =>
        await app.Host.Scenario(s =>
        {
            s.Post.Json(body, JsonStyle.MinimalApi).ToUrl(url);
            if (address is not null) s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address));
            if (token is not null) s.WithBearerToken(token);
            s.StatusCodeShouldBe(expect);
        });

    private static void ShouldBeTooManyRequests(IScenarioResult refused)
    {
        var response = refused.Context.Response;
        response.ContentType.ShouldStartWith("application/problem+json");
        int.Parse(response.Headers.RetryAfter.ToString()).ShouldBeGreaterThan(0);
        refused.ReadAsJson<Microsoft.AspNetCore.Mvc.ProblemDetails>()!.Title.ShouldBe("Too many requests");
    }
}
