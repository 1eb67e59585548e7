using Chat.Api.Identity;
using Chat.Api.Identity.TwoFactor;
using Chat.Tests.Catalog;
using Chat.Tests.Support;
using OtpNet;

namespace Chat.Tests.Identity;

/// <summary>An authenticator app: the code of a secret at a time step around now (-1 the previous step, +1 the next).</summary>
public static class Authenticator
{
    public static string Code(string secret, int step = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step));

    /// <summary>A code that no step around now has.</summary>
    public static string WrongCode(string secret)
    {
        var near = Enumerable.Range(-2, 5).Select(step => Code(secret, step)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => ((i * 7919 + 123456) % 1000000).ToString("D6")).First(c => !near.Contains(c));
    }
}

/// <summary>An agent with their second factor on: the secret their app holds, their recovery codes, and the session that enrolled.</summary>
public sealed record EnrolledAgent(TestAgent Agent, string Secret, IReadOnlyList<string> RecoveryCodes, TokenPair Session);

/// <summary>The second factor through the API, as an agent's client does it.</summary>
public static class TwoFactorSteps
{
    /// <summary>
    /// Signs in, enrols and confirms with the code of the previous time step, so the current and the next step's codes are
    /// still unspent for what the test does next.
    /// </summary>
    public static async Task<EnrolledAgent> EnrolAsync(this ChatApp app, TestAgent agent)
    {
        var login = await app.LogInAsync(agent);
        var enrolment = (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/enrol", new { password = TestAgent.Password }, login.AccessToken))
            .Read<EnrolAnswer>();
        var confirmed = await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/confirm",
            new { code = Authenticator.Code(enrolment.Secret, -1) }, login.AccessToken);
        confirmed.Status.ShouldBe(200, confirmed.Body);
        return new EnrolledAgent(agent, enrolment.Secret, confirmed.Read<RecoveryCodes>().Codes, login);
    }

    /// <summary>The first step: the right password of an account with a second factor answers a ticket and no token.</summary>
    public static async Task<string> FirstStepAsync(this ChatApp app, TestAgent agent, Device? device = null)
    {
        var answer = await app.SendAsync(HttpMethod.Post, "/api/auth/login",
            new { email = agent.Account.Email, password = TestAgent.Password }, null, device);
        answer.Status.ShouldBe(200, answer.Body);
        answer.Body.ShouldNotContain("accessToken");
        var ticket = answer.Read<FirstStepAnswer>();
        ticket.MfaRequired.ShouldBeTrue();
        return ticket.MfaToken;
    }

    public static Task<Answer> SecondStepAsync(this ChatApp app, string mfaToken, string? code = null, string? recoveryCode = null,
        Device? device = null) =>
        app.SendAsync(HttpMethod.Post, "/api/auth/login/2fa", new { mfaToken, code, recoveryCode }, null, device);

    public sealed record FirstStepAnswer(bool MfaRequired, string MfaToken, DateTimeOffset ExpiresAt);
}
