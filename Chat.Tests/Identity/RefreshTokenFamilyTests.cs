using Chat.Api.AdminLog;
using Chat.Api.Identity;
using Chat.Tests.Catalog;
using Chat.Tests.Support;

namespace Chat.Tests.Identity;

/// <summary>
/// Refresh-token families (RFC 9700 section 4.14): a sign-in starts one, each renewal spends its newest token for the
/// next, and a spent token presented again ends the whole family, newest token included, and is recorded.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class RefreshTokenFamilyTests(ChatApp app)
{
    [Fact]
    public async Task A_spent_token_presented_again_ends_its_family_and_the_newest_token_stops_working_too()
    {
        var workspace = await app.NewWorkspaceAsync();
        var first = await app.LogInAsync(workspace.Agent);
        var second = (await app.RefreshAsync(first.RefreshToken!)).Read<TokenPair>();
        var newest = (await app.RefreshAsync(second.RefreshToken!)).Read<TokenPair>();

        var replay = await app.RefreshAsync(first.RefreshToken!, Device.Phone);

        replay.ShouldBeProblem(401).Detail.ShouldNotBeNull().ShouldContain("ended everywhere");
        (await app.RefreshAsync(newest.RefreshToken!)).ShouldBeProblem(401);
        (await app.RefreshAsync(second.RefreshToken!)).ShouldBeProblem(401);
        (await app.RefreshAsync(first.RefreshToken!)).ShouldBeProblem(401);
    }

    [Fact]
    public async Task A_reuse_is_recorded_with_agent_workspace_time_and_address()
    {
        var workspace = await app.NewWorkspaceAsync();
        var first = await app.LogInAsync(workspace.Agent);
        var second = (await app.RefreshAsync(first.RefreshToken!)).Read<TokenPair>();
        await app.RefreshAsync(second.RefreshToken!);
        var before = DateTimeOffset.UtcNow;

        await app.RefreshAsync(first.RefreshToken!, Device.Phone);
        await app.RefreshAsync(first.RefreshToken!, Device.Phone);

        var record = (await app.SessionLogAsync(workspace.Agent)).ShouldHaveSingleItem("a family is ended once");
        (record with { Session = null, At = default }).ShouldBe(new SessionLogLine(AdminActions.RefreshTokenReused, workspace.Id, null,
            Device.Phone.Ip, Device.Phone.UserAgent, null, RevocationReasons.RefreshTokenReused, default));
        record.Session.ShouldNotBeNull();
        record.At.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-1));
    }

    [Fact]
    public async Task The_token_a_renewal_just_spent_is_refused_without_ending_anything_within_the_grace()
    {
        var workspace = await app.NewWorkspaceAsync();
        var first = await app.LogInAsync(workspace.Agent);
        var renewed = (await app.RefreshAsync(first.RefreshToken!)).Read<TokenPair>();

        var repeat = await app.RefreshAsync(first.RefreshToken!);

        repeat.ShouldBeProblem(409).Title.ShouldBe("Renewed concurrently");
        (await app.RefreshAsync(renewed.RefreshToken!)).Status.ShouldBe(200);
        (await app.SessionLogAsync(workspace.Agent)).ShouldBeEmpty();
    }

    [Fact]
    public async Task After_the_grace_the_token_a_renewal_spent_ends_the_family()
    {
        var workspace = await app.NewWorkspaceAsync();
        var first = await app.LogInAsync(workspace.Agent);
        var renewed = (await app.RefreshAsync(first.RefreshToken!)).Read<TokenPair>();
        await app.TheGraceHasPassedSinceItWasSpentAsync(first.RefreshToken!);

        (await app.RefreshAsync(first.RefreshToken!)).ShouldBeProblem(401);

        (await app.RefreshAsync(renewed.RefreshToken!)).ShouldBeProblem(401);
        (await app.SessionLogAsync(workspace.Agent)).ShouldHaveSingleItem().Reason.ShouldBe(RevocationReasons.RefreshTokenReused);
    }

    [Fact]
    public async Task Of_two_concurrent_refreshes_of_one_token_exactly_one_wins_and_the_session_goes_on()
    {
        var workspace = await app.NewWorkspaceAsync();
        var login = await app.LogInAsync(workspace.Agent);

        var answers = await Answers.AllAtOnceAsync(2, _ => app.RefreshAsync(login.RefreshToken!));

        answers.Count(a => a.Status == 200).ShouldBe(1);
        answers.Single(a => a.Status != 200).ShouldBeProblem(409);
        var winner = answers.Single(a => a.Status == 200).Read<TokenPair>();
        (await app.RefreshAsync(winner.RefreshToken!)).Status.ShouldBe(200);
        (await app.SessionLogAsync(workspace.Agent)).ShouldBeEmpty("a lost race is not a theft");
    }

    [Fact]
    public async Task Each_sign_in_is_its_own_family_and_a_reuse_in_one_leaves_the_others()
    {
        var workspace = await app.NewWorkspaceAsync();
        var laptop = await app.LogInAsync(workspace.Agent, Device.Laptop);
        var phone = await app.LogInAsync(workspace.Agent, Device.Phone);
        var renewed = (await app.RefreshAsync(laptop.RefreshToken!)).Read<TokenPair>();
        await app.RefreshAsync(renewed.RefreshToken!);

        await app.RefreshAsync(laptop.RefreshToken!);

        (await app.RefreshAsync(phone.RefreshToken!, Device.Phone)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Signing_out_ends_the_family_whichever_of_its_tokens_is_given()
    {
        var workspace = await app.NewWorkspaceAsync();
        var first = await app.LogInAsync(workspace.Agent);
        var renewed = (await app.RefreshAsync(first.RefreshToken!)).Read<TokenPair>();
        var elsewhere = await app.LogInAsync(workspace.Agent, Device.Phone);

        (await app.LogOutAsync(first.RefreshToken!)).Status.ShouldBe(204);

        (await app.RefreshAsync(renewed.RefreshToken!)).ShouldBeProblem(401);
        (await app.RefreshAsync(elsewhere.RefreshToken!, Device.Phone)).Status.ShouldBe(200, "another sign-in is another session");
        var record = (await app.SessionLogAsync(workspace.Agent)).ShouldHaveSingleItem();
        (record.Reason, record.ActorId).ShouldBe((RevocationReasons.SignedOut, workspace.Agent.Id));
        (await app.LogOutAsync(renewed.RefreshToken!)).Status.ShouldBe(204, "signing out twice changes nothing");
        (await app.SessionLogAsync(workspace.Agent)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task In_the_dashboard_a_replayed_cookie_ends_the_session_and_is_cleared()
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);
        await page.LogInAsync(workspace.Agent);
        var stolen = page.RefreshCookie!;
        (await page.RefreshAsync()).Status.ShouldBe(200);
        await app.TheGraceHasPassedSinceItWasSpentAsync(stolen);
        var thief = new DashboardPage(app) { RefreshCookie = stolen };

        (await thief.RefreshAsync()).ShouldBeProblem(401);

        thief.RefreshCookie.ShouldBeNull();
        (await page.RefreshAsync()).ShouldBeProblem(401);
        page.RefreshCookie.ShouldBeNull();
    }

    [Fact]
    public async Task In_the_dashboard_the_tab_that_lost_a_race_keeps_the_cookie_the_winner_set()
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);
        await page.LogInAsync(workspace.Agent);
        var otherTab = new DashboardPage(app) { RefreshCookie = page.RefreshCookie };
        (await page.RefreshAsync()).Status.ShouldBe(200);

        var lost = await otherTab.RefreshAsync();

        lost.ShouldBeProblem(409);
        lost.Cookie.ShouldBeNull("a cleared cookie would sign the winning tab out too");
        (await page.RefreshAsync()).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_token_issued_before_families_existed_renews_once_into_a_family_of_its_own()
    {
        var workspace = await app.NewWorkspaceAsync();
        var (legacy, hash) = TokenIssuer.NewRefreshToken();
        await using (var session = app.Store.LightweightSession())
        {
            session.Insert(new RefreshToken(hash, workspace.Agent.Id, workspace.Id, DateTimeOffset.UtcNow.AddDays(1), null));
            await session.SaveChangesAsync();
        }

        var renewed = (await app.RefreshAsync(legacy)).Read<TokenPair>();

        (await app.RefreshAsync(legacy)).ShouldBeProblem(401);
        (await app.RefreshAsync(renewed.RefreshToken!)).Status.ShouldBe(200);
    }
}
