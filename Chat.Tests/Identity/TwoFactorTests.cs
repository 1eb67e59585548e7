using Chat.Api.AdminLog;
using Chat.Api.Identity;
using Chat.Api.Identity.TwoFactor;
using Chat.Tests.Support;
using Marten;

namespace Chat.Tests.Identity;

/// <summary>
/// An agent turns on a second factor (TOTP with recovery codes); then signing in takes the password and a code, wrong and
/// replayed codes are refused and counted, and an admin may require it of the whole workspace.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class TwoFactorTests(ChatApp app)
{
    [Fact]
    public async Task Enrolling_shows_a_qr_code_and_the_secret_and_a_code_turns_it_on_with_ten_recovery_codes()
    {
        var workspace = await app.NewWorkspaceAsync();
        var login = await app.LogInAsync(workspace.Agent);

        var enrolment = (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/enrol", new { password = TestAgent.Password }, login.AccessToken))
            .Read<EnrolAnswer>();

        enrolment.Secret.Length.ShouldBe(32);
        enrolment.OtpAuthUri.ShouldStartWith("otpauth://totp/");
        enrolment.OtpAuthUri.ShouldContain($"secret={enrolment.Secret}");
        enrolment.OtpAuthUri.ShouldContain(Uri.EscapeDataString(workspace.Agent.Account.Email));
        enrolment.QrCode.ShouldStartWith("data:image/svg+xml;base64,");
        (await MeAsync(login.AccessToken)).TwoFactorEnabled.ShouldBeFalse("pending until a code confirms it");

        var confirmed = await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/confirm", new { code = Authenticator.Code(enrolment.Secret) },
            login.AccessToken);

        var codes = confirmed.Read<RecoveryCodes>().Codes;
        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);
        var me = await MeAsync(login.AccessToken);
        (me.TwoFactorEnabled, me.RecoveryCodesLeft).ShouldBe((true, 10));
        await using var session = app.Store.QuerySession();
        var stored = (await session.LoadAsync<TwoFactorState>(workspace.Agent.Id)).ShouldNotBeNull();
        stored.Secret.ShouldNotBeNull().ShouldNotContain(enrolment.Secret, Case.Insensitive, "kept encrypted");
        stored.RecoveryCodeHashes.ShouldNotContain(codes[0]);
    }

    [Fact]
    public async Task Enrolling_needs_the_password_and_confirming_needs_the_right_code()
    {
        var workspace = await app.NewWorkspaceAsync();
        var login = await app.LogInAsync(workspace.Agent);

        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/enrol", new { password = "not the password" }, login.AccessToken)).ShouldBeProblem(403);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/enrol", new { }, login.AccessToken)).ShouldBeProblem(400);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/confirm", new { code = "123456" }, login.AccessToken)).ShouldBeProblem(409);
        var enrolment = (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/enrol", new { password = TestAgent.Password }, login.AccessToken))
            .Read<EnrolAnswer>();
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/confirm", new { code = Authenticator.WrongCode(enrolment.Secret) }, login.AccessToken))
            .ShouldBeProblem(403).Detail.ShouldBe("The code is wrong.");
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/confirm", new { }, login.AccessToken)).ShouldBeProblem(400);

        (await MeAsync(login.AccessToken)).TwoFactorEnabled.ShouldBeFalse();
        await app.LogInAsync(workspace.Agent);
    }

    [Fact]
    public async Task Turning_it_on_ends_the_agents_other_sessions()
    {
        var workspace = await app.NewWorkspaceAsync();
        var phone = await app.LogInAsync(workspace.Agent, Device.Phone);

        var enrolled = await app.EnrolAsync(workspace.Agent);

        (await app.RefreshAsync(phone.RefreshToken!, Device.Phone)).ShouldBeProblem(401);
        (await app.RefreshAsync(enrolled.Session.RefreshToken!)).Status.ShouldBe(200);
        (await app.SessionLogAsync(workspace.Agent)).Where(r => r.Action == AdminActions.SessionEnded).Select(r => r.Reason)
            .ShouldBe([RevocationReasons.TwoFactorEnabled]);
    }

    [Fact]
    public async Task Signing_in_takes_two_steps_the_password_answers_only_a_ticket_and_the_code_the_tokens()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);

        var mfaToken = await app.FirstStepAsync(workspace.Agent, Device.Phone);
        var second = await app.SecondStepAsync(mfaToken, Authenticator.Code(enrolled.Secret), device: Device.Phone);

        var tokens = second.Read<TokenPair>();
        second.Status.ShouldBe(200);
        (tokens.AgentId, tokens.TwoFactorEnrolmentRequired).ShouldBe((workspace.Agent.Id, false));
        (await app.SendAsync(HttpMethod.Get, "/api/inbox?view=all", null, tokens.AccessToken)).Status.ShouldBe(200);
        (await app.RefreshAsync(tokens.RefreshToken!, Device.Phone)).Status.ShouldBe(200);
        (await app.SecondStepAsync(mfaToken, Authenticator.Code(enrolled.Secret, 1))).ShouldBeProblem(401)
            .Detail.ShouldBe("This sign-in is unknown, used or expired: sign in again with your password.");
    }

    [Fact]
    public async Task A_wrong_code_is_a_401_that_issues_nothing_and_the_same_ticket_then_works_with_the_right_one()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var mfaToken = await app.FirstStepAsync(workspace.Agent);
        var sessionsBefore = await LiveSessionsAsync(workspace.Agent);

        var wrong = await app.SecondStepAsync(mfaToken, Authenticator.WrongCode(enrolled.Secret));

        wrong.ShouldBeProblem(401).Detail.ShouldBe("The code is wrong.");
        wrong.Body.ShouldNotContain("accessToken");
        (await LiveSessionsAsync(workspace.Agent)).ShouldBe(sessionsBefore);
        (await app.SecondStepAsync(mfaToken, Authenticator.Code(enrolled.Secret))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_code_works_once_its_replay_is_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var code = Authenticator.Code(enrolled.Secret);
        (await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), code)).Status.ShouldBe(200);

        var replay = await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), code);

        replay.ShouldBeProblem(401).Detail.ShouldBe("This code was used already; wait for the next one.");
        // An older step than the one spent is no better.
        (await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), Authenticator.Code(enrolled.Secret, -1))).ShouldBeProblem(401);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var recovery = enrolled.RecoveryCodes[3];

        // Typed back in capitals and without its dash, it still counts.
        var signedIn = await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), recoveryCode: recovery.Replace("-", "").ToUpperInvariant());
        var again = await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), recoveryCode: recovery);

        signedIn.Status.ShouldBe(200);
        again.ShouldBeProblem(401);
        (await MeAsync(signedIn.Read<TokenPair>().AccessToken)).RecoveryCodesLeft.ShouldBe(9);
    }

    [Fact]
    public async Task A_wrong_password_of_a_two_factor_account_is_answered_as_any_wrong_password()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.EnrolAsync(workspace.Agent);

        var withSecondFactor = await app.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = workspace.Agent.Account.Email, password = "a guess" }, null);
        var without = await app.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = workspace.OtherAgent.Account.Email, password = "a guess" }, null);
        var nobody = await app.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = "nobody@nowhere.test", password = "a guess" }, null);

        withSecondFactor.ShouldBeProblem(401);
        foreach (var other in new[] { without, nobody })
            (other.Status, other.ContentType, StripTrace(other.Body)).ShouldBe((withSecondFactor.Status, withSecondFactor.ContentType, StripTrace(withSecondFactor.Body)));
    }

    [Fact]
    public async Task A_forged_an_expired_or_a_missing_ticket_is_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var mfaToken = await app.FirstStepAsync(workspace.Agent);
        await using (var session = app.Store.LightweightSession())
        {
            var ticket = (await session.LoadAsync<SecondStepTicket>(TokenIssuer.HashOf(mfaToken))).ShouldNotBeNull();
            session.Store(ticket with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
            await session.SaveChangesAsync();
        }

        (await app.SecondStepAsync(mfaToken, Authenticator.Code(enrolled.Secret))).ShouldBeProblem(401);
        (await app.SecondStepAsync("forged-" + mfaToken, Authenticator.Code(enrolled.Secret))).ShouldBeProblem(401);
        (await app.SecondStepAsync(enrolled.Session.RefreshToken!, Authenticator.Code(enrolled.Secret))).ShouldBeProblem(401);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/login/2fa", new { code = Authenticator.Code(enrolled.Secret) }, null)).ShouldBeProblem(400);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/login/2fa", new { mfaToken }, null)).ShouldBeProblem(400);
        // None of these spent the code.
        (await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), Authenticator.Code(enrolled.Secret))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_ticket_is_spent_by_five_wrong_codes()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var mfaToken = await app.FirstStepAsync(workspace.Agent);

        for (var i = 0; i < SecondStep.WrongCodesPerTicket; i++)
            (await app.SecondStepAsync(mfaToken, Authenticator.WrongCode(enrolled.Secret))).ShouldBeProblem(401);

        (await app.SecondStepAsync(mfaToken, Authenticator.Code(enrolled.Secret))).ShouldBeProblem(401)
            .Detail.ShouldBe("This sign-in is unknown, used or expired: sign in again with your password.");
    }

    [Fact]
    public async Task Turning_it_off_needs_a_right_code_and_then_the_password_alone_signs_in()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var token = enrolled.Session.AccessToken;

        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/disable", new { }, token)).ShouldBeProblem(400);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/disable", new { code = Authenticator.WrongCode(enrolled.Secret) }, token)).ShouldBeProblem(403);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/disable", new { recoveryCode = "aaaaa-bbbbb" }, token)).ShouldBeProblem(403);
        (await MeAsync(token)).TwoFactorEnabled.ShouldBeTrue();

        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/disable", new { code = Authenticator.Code(enrolled.Secret) }, token)).Status.ShouldBe(204);

        (await MeAsync(token)).TwoFactorEnabled.ShouldBeFalse();
        (await app.LogInAsync(workspace.Agent)).AccessToken.ShouldNotBeNullOrEmpty();
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/disable", new { code = Authenticator.Code(enrolled.Secret, 1) }, token)).ShouldBeProblem(409);
    }

    [Fact]
    public async Task New_recovery_codes_need_a_code_and_replace_the_old_ones()
    {
        var workspace = await app.NewWorkspaceAsync();
        var enrolled = await app.EnrolAsync(workspace.Agent);
        var token = enrolled.Session.AccessToken;

        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/recovery-codes", new { code = Authenticator.WrongCode(enrolled.Secret) }, token)).ShouldBeProblem(403);
        var fresh = (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/recovery-codes", new { code = Authenticator.Code(enrolled.Secret) }, token))
            .Read<RecoveryCodes>().Codes;

        fresh.Count.ShouldBe(10);
        fresh.ShouldNotContain(enrolled.RecoveryCodes[0]);
        (await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), recoveryCode: enrolled.RecoveryCodes[0])).ShouldBeProblem(401);
        (await app.SecondStepAsync(await app.FirstStepAsync(workspace.Agent), recoveryCode: fresh[0])).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_workspace_that_requires_it_limits_an_agent_without_it_to_their_account_until_they_enrol()
    {
        var workspace = await app.NewWorkspaceAsync();
        var admin = await app.EnrolAsync(workspace.Admin);
        (await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { requireTwoFactor = true }, admin.Session.AccessToken, 200))
            .ShouldContain("\"requireTwoFactor\":true");

        var limited = await app.LogInAsync(workspace.Agent);

        limited.TwoFactorEnrolmentRequired.ShouldBeTrue();
        var refused = await app.SendAsync(HttpMethod.Get, "/api/inbox?view=all", null, limited.AccessToken);
        refused.ShouldBeProblem(403).Title.ShouldBe("Two-factor enrolment required");
        (await app.SendAsync(HttpMethod.Put, "/api/agents/me/status", new { status = "Online" }, limited.AccessToken)).ShouldBeProblem(403);
        (await MeAsync(limited.AccessToken)).TwoFactorRequired.ShouldBeTrue();
        (await app.SendAsync(HttpMethod.Get, "/api/auth/sessions", null, limited.AccessToken)).Status.ShouldBe(200);

        var enrolment = (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/enrol", new { password = TestAgent.Password }, limited.AccessToken))
            .Read<EnrolAnswer>();
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/confirm", new { code = Authenticator.Code(enrolment.Secret) }, limited.AccessToken))
            .Status.ShouldBe(200);
        var renewed = (await app.RefreshAsync(limited.RefreshToken!)).Read<TokenPair>();

        renewed.TwoFactorEnrolmentRequired.ShouldBeFalse();
        (await app.SendAsync(HttpMethod.Get, "/api/inbox?view=all", null, renewed.AccessToken)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Only_an_admin_with_a_second_factor_of_their_own_requires_it_of_everyone()
    {
        var workspace = await app.NewWorkspaceAsync();

        (await app.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { requireTwoFactor = true }, workspace.Admin.Token, 409))
            .Detail.ShouldBe("Turn on two-factor sign-in for your own account first, then require it of everyone.");
        var supervisor = await app.EnrolAsync(workspace.Supervisor);
        await app.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { requireTwoFactor = true }, supervisor.Session.AccessToken, 403);
        await app.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { }, workspace.Admin.Token, 400);

        await using var session = app.Store.QuerySession();
        (await session.LoadAsync<Chat.Api.Identity.Workspace>(workspace.Id))!.RequireTwoFactor.ShouldBeFalse();
        (await LogAsync(workspace)).ShouldNotContain(e => e.Action == AdminActions.TwoFactorRequirementChanged);
    }

    [Fact]
    public async Task Every_second_factor_change_and_failure_is_in_the_admin_log()
    {
        var workspace = await app.NewWorkspaceAsync();
        var admin = await app.EnrolAsync(workspace.Admin);
        await app.SecondStepAsync(await app.FirstStepAsync(workspace.Admin, Device.Phone), Authenticator.WrongCode(admin.Secret), device: Device.Phone);
        await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { requireTwoFactor = true }, admin.Session.AccessToken, 200);
        await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/recovery-codes", new { code = Authenticator.Code(admin.Secret) }, admin.Session.AccessToken);
        await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/disable", new { recoveryCode = admin.RecoveryCodes[0] }, admin.Session.AccessToken);
        (await app.SendAsync(HttpMethod.Post, "/api/auth/2fa/disable", new { code = Authenticator.Code(admin.Secret, 1) }, admin.Session.AccessToken))
            .Status.ShouldBe(204);

        var log = await LogAsync(workspace);

        log.Select(e => e.Action).Where(a => a != AdminActions.SignedIn).ShouldBe([AdminActions.TwoFactorEnabled, AdminActions.TwoFactorFailed,
            AdminActions.TwoFactorRequirementChanged, AdminActions.RecoveryCodesRegenerated, AdminActions.TwoFactorFailed, AdminActions.TwoFactorDisabled]);
        var failedAtSignIn = log.First(e => e.Action == AdminActions.TwoFactorFailed);
        (failedAtSignIn.ActorId, failedAtSignIn.Ip, failedAtSignIn.Target).ShouldBe((null, Device.Phone.Ip, workspace.Admin.Id.ToString()));
        log.Where(e => e.Action != AdminActions.TwoFactorFailed && e.Action != AdminActions.SignedIn).ShouldAllBe(e => e.ActorId == workspace.Admin.Id);
        log.Single(e => e.Action == AdminActions.TwoFactorRequirementChanged).After.ShouldBe("{\"requireTwoFactor\":true}");
        string.Join("\n", log.Select(e => e.Before + e.After)).ShouldNotContain(admin.Secret);
    }

    private async Task<Me> MeAsync(string accessToken) => (await app.SendAsync(HttpMethod.Get, "/api/auth/me", null, accessToken)).Read<Me>();

    private async Task<IReadOnlyList<AdminLogEntry>> LogAsync(TestWorkspace workspace)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<AdminLogEntry>().Where(e => e.WorkspaceId == workspace.Id).OrderBy(e => e.At).ToListAsync();
    }

    private async Task<int> LiveSessionsAsync(TestAgent agent)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<SessionFamily>().CountAsync(f => f.AgentId == agent.Id && f.RevokedAt == null);
    }

    /// <summary>Problem details carry the request's trace id, which differs between any two requests.</summary>
    private static string StripTrace(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");
}
