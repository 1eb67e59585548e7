using System.Text;
using Chat.Api.Identity;
using Chat.Tests.Support;
using Microsoft.Net.Http.Headers;

namespace Chat.Tests.Identity;

/// <summary>
/// The dashboard's session: the access token in the page's memory, the refresh token in an HttpOnly cookie that only
/// this site's pages send, only to /api/auth. API clients keep the refresh token in JSON as before.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class RefreshCookieTests(ChatApp app)
{
    private const string AnotherSite = "https://attacker.example";

    [Fact]
    public async Task A_cookie_login_sets_an_http_only_strict_cookie_for_the_auth_path_and_answers_who_signed_in_without_the_token()
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);

        var login = await page.LogInAsync(workspace.Agent);

        login.Status.ShouldBe(200);
        var cookie = login.Cookie.ShouldNotBeNull();
        cookie.Value.Length.ShouldBeGreaterThan(20);
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteMode.Strict);
        cookie.Path.ToString().ShouldBe("/api/auth");
        cookie.Secure.ShouldBeFalse("plain http, as the development server");
        cookie.MaxAge.ShouldBe(TimeSpan.FromDays(14));
        cookie.Domain.HasValue.ShouldBeFalse();

        var pair = login.Pair;
        pair.RefreshToken.ShouldBeNull();
        (pair with { AccessToken = "", ExpiresAt = default }).ShouldBe(new TokenPair("", default, null, Roles.Agent, workspace.Id,
            workspace.Agent.Id, workspace.Agent.Account.Email, workspace.Agent.Account.DisplayName));
        (await page.OpensTheInboxAsync(pair.AccessToken)).ShouldBeTrue();
    }

    [Fact]
    public async Task Over_https_the_cookie_is_secure()
    {
        var workspace = await app.NewWorkspaceAsync();

        var login = await new DashboardPage(app).LogInAsync(workspace.Agent, scheme: "https");

        login.Cookie.ShouldNotBeNull().Secure.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refresh_through_the_cookie_replaces_it_and_the_old_value_is_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);
        await page.LogInAsync(workspace.Agent);
        var first = page.RefreshCookie!;

        var renewed = await page.RefreshAsync();

        renewed.Status.ShouldBe(200);
        renewed.Pair.RefreshToken.ShouldBeNull();
        renewed.Pair.AgentId.ShouldBe(workspace.Agent.Id);
        (await page.OpensTheInboxAsync(renewed.Pair.AccessToken)).ShouldBeTrue();
        var second = page.RefreshCookie.ShouldNotBeNull();
        second.ShouldNotBe(first);
        renewed.Cookie!.HttpOnly.ShouldBeTrue();
        renewed.Cookie.Path.ToString().ShouldBe("/api/auth");

        // A moment later the old value lost a race (another tab): refused, and the cookie is left to the winner.
        var replay = new DashboardPage(app) { RefreshCookie = first };
        (await replay.RefreshAsync()).ShouldBeProblem(409);
        replay.RefreshCookie.ShouldBe(first);
        (await page.RefreshAsync()).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_token_taken_from_the_cookie_is_never_answered_in_json()
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);
        await page.LogInAsync(workspace.Agent);
        var before = page.RefreshCookie;

        var renewed = await page.RefreshAsync(new { session = "json" });

        renewed.Status.ShouldBe(200);
        renewed.Pair.RefreshToken.ShouldBeNull();
        page.RefreshCookie.ShouldNotBeNull().ShouldNotBe(before);
    }

    [Fact]
    public async Task Without_a_cookie_a_cookie_refresh_is_401_and_a_json_refresh_without_a_token_400()
    {
        var page = new DashboardPage(app);

        (await page.RefreshAsync()).ShouldBeProblem(401);
        (await page.RefreshAsync(new { })).ShouldBeProblem(400);
    }

    [Fact]
    public async Task Logout_spends_the_cookie_and_clears_it_and_answers_204_however_often()
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);
        await page.LogInAsync(workspace.Agent);
        var spent = page.RefreshCookie;

        var logout = await page.LogOutAsync();

        logout.Status.ShouldBe(204);
        logout.ClearsCookie.ShouldBeTrue();
        logout.Cookie!.Path.ToString().ShouldBe("/api/auth");
        page.RefreshCookie.ShouldBeNull();
        (await new DashboardPage(app) { RefreshCookie = spent }.RefreshAsync()).ShouldBeProblem(401);

        (await new DashboardPage(app) { RefreshCookie = spent }.LogOutAsync()).Status.ShouldBe(204);
        (await page.LogOutAsync()).Status.ShouldBe(204);
        (await page.LogOutAsync(new { refreshToken = "never-issued" })).Status.ShouldBe(204);
        (await page.LogOutAsync(new { refreshToken = new string('x', Logout.MaxRefreshTokenLength + 1) })).ShouldBeProblem(400);
    }

    [Fact]
    public async Task Logout_spends_a_refresh_token_given_in_the_body()
    {
        var workspace = await app.NewWorkspaceAsync();
        var pair = (await new DashboardPage(app).LogInAsync(workspace.Agent, session: "json")).Pair;

        (await new DashboardPage(app).LogOutAsync(new { refreshToken = pair.RefreshToken })).Status.ShouldBe(204);

        (await new DashboardPage(app).RefreshAsync(new { refreshToken = pair.RefreshToken })).ShouldBeProblem(401);
    }

    [Fact]
    public async Task Another_site_cannot_refresh_or_log_out_with_the_cookie_and_spends_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);
        await page.LogInAsync(workspace.Agent);
        var foreign = new DashboardPage(app, AnotherSite) { RefreshCookie = page.RefreshCookie };

        var refresh = await foreign.RefreshAsync();
        var logout = await foreign.LogOutAsync();

        refresh.ShouldBeProblem(403);
        logout.ShouldBeProblem(403);
        refresh.Cookie.ShouldBeNull();
        logout.Cookie.ShouldBeNull();
        (await foreign.LogInAsync(workspace.Agent)).ShouldBeProblem(403);
        (await page.RefreshAsync()).Status.ShouldBe(200);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "session=cookie")]
    [InlineData("text/plain", """{"session":"cookie"}""")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\ncookie\r\n--b--\r\n")]
    public async Task What_a_plain_form_can_send_is_refused_and_spends_nothing(string contentType, string body)
    {
        var workspace = await app.NewWorkspaceAsync();
        var page = new DashboardPage(app);
        await page.LogInAsync(workspace.Agent);
        var cookie = page.RefreshCookie;

        foreach (var url in new[] { "/api/auth/refresh", "/api/auth/logout" })
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            var answer = await page.SendAsync(url, content);
            answer.ShouldBeProblem(415);
            answer.Cookie.ShouldBeNull();
        }

        page.RefreshCookie.ShouldBe(cookie);
        (await page.RefreshAsync()).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Json_clients_get_the_refresh_token_in_the_answer_and_no_cookie()
    {
        var workspace = await app.NewWorkspaceAsync();
        var client = new DashboardPage(app);

        var login = await client.LogInAsync(workspace.Agent, session: "json");
        var renewed = await client.RefreshAsync(new { refreshToken = login.Pair.RefreshToken });

        login.Cookie.ShouldBeNull();
        login.Pair.RefreshToken.ShouldNotBeNullOrWhiteSpace();
        login.Pair.Email.ShouldBe(workspace.Agent.Account.Email);
        renewed.Cookie.ShouldBeNull();
        renewed.Pair.RefreshToken.ShouldNotBeNullOrWhiteSpace();
        renewed.Pair.DisplayName.ShouldBe(workspace.Agent.Account.DisplayName);
    }
}
