using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Tests.Support;

namespace Chat.Tests.Identity;

/// <summary>
/// Guessing second-factor codes meets the same growing lockout per email as guessing passwords, which a right password
/// does not lift, and a limit per client address. Each specification runs its own host with small limits.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class TwoFactorLockoutTests
{
    private static async Task<ChatApp> HostWithAsync(Action<RateLimitOptions> limits) =>
        await ChatApp.StartAsync(await TestDatabase.OtherAsync(TestDatabase.Beside("_limits")), o => limits(o.RateLimits));

    private static Device From(int i) => new($"10.0.4.{i}", "Mozilla/5.0 Guesser");

    [Fact]
    public async Task Wrong_codes_lock_the_email_for_growing_times_and_a_right_password_in_between_does_not_lift_it()
    {
        await using var app = await HostWithAsync(l => l.SignInFailuresBeforeLockout = 3);
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var email = workspace.Agent.Account.Email;

        var first = await app.FirstStepAsync(workspace.Agent, From(1));
        (await app.SecondStepAsync(first, "000000", device: From(2))).ShouldBeProblem(401);
        (await app.SecondStepAsync(first, "111111", device: From(3))).ShouldBeProblem(401);
        var second = await app.FirstStepAsync(workspace.Agent, From(4));
        (await app.SecondStepAsync(second, "222222", device: From(5))).ShouldBeProblem(401);

        var locked = await app.SecondStepAsync(second, Authenticator.Code(enrolled.Secret), device: From(6));
        locked.ShouldBeProblem(429);
        var password = await app.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = TestAgent.Password }, null, From(7));
        password.ShouldBeProblem(429);
        var wait = await RetryAfterAsync(app, email);

        // The lockout ends; the next wrong code locks again, for longer.
        await using (var session = app.Store.LightweightSession())
        {
            var failures = (await session.LoadAsync<SignInFailures>(SignInThrottle.KeyOf(email))).ShouldNotBeNull();
            session.Store(failures with { LockedUntil = DateTimeOffset.UtcNow.AddSeconds(-1) });
            await session.SaveChangesAsync();
        }
        (await app.SecondStepAsync(second, "333333", device: From(8))).ShouldBeProblem(401);
        (await RetryAfterAsync(app, email)).ShouldBeGreaterThan(wait);
    }

    [Fact]
    public async Task Second_steps_are_limited_per_address_and_another_address_still_completes_its_own()
    {
        await using var app = await HostWithAsync(l => l.SecondStepsPerAddressPerMinute = 2);
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var mfaToken = await app.FirstStepAsync(workspace.Agent);

        for (var i = 0; i < 2; i++) (await app.SecondStepAsync(mfaToken, "000000", device: From(1))).ShouldBeProblem(401);
        var refused = await app.SecondStepAsync(mfaToken, Authenticator.Code(enrolled.Secret), device: From(1));

        refused.ShouldBeProblem(429).Title.ShouldBe("Too many requests");
        (await app.SecondStepAsync(mfaToken, Authenticator.Code(enrolled.Secret), device: From(2))).Status.ShouldBe(200);
    }

    /// <summary>How long the email stays locked, as a sign-in with the right password is told.</summary>
    private static async Task<int> RetryAfterAsync(ChatApp app, string email)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, password = TestAgent.Password }, Alba.JsonStyle.MinimalApi).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(429);
        });
        return int.Parse(result.Context.Response.Headers.RetryAfter.ToString());
    }
}
