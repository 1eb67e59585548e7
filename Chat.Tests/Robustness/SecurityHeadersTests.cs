using Alba;
using Chat.Api.Web;
using Chat.Tests.Support;

namespace Chat.Tests.Robustness;

/// <summary>Every answer, whoever gives it, tells the browser not to guess types, frame it or leak where it came from.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class SecurityHeadersTests(ChatApp app)
{
    [Theory]
    [InlineData("/api/inbox", 200)]
    [InlineData("/api/inbox", 401)]
    [InlineData("/api/conversations/not-a-guid", 404)]
    [InlineData("/health", 200)]
    public async Task Answers_that_are_not_pages_load_nothing_are_framed_nowhere_and_api_answers_are_never_stored(string url, int status)
    {
        var workspace = await app.NewWorkspaceAsync();
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (status != 401) s.WithBearerToken(workspace.Agent.Token);
            s.StatusCodeShouldBe(status);
        });

        var headers = result.Context.Response.Headers;
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers.XFrameOptions.ToString().ShouldBe("DENY");
        headers["Referrer-Policy"].ToString().ShouldBe("no-referrer");
        headers.ContentSecurityPolicy.ToString().ShouldBe(SecurityHeaders.NothingPolicy);
        if (url.StartsWith("/api")) headers.CacheControl.ToString().ShouldBe("no-store");
    }

    [Fact]
    public async Task The_dashboard_keeps_its_own_content_policy_and_may_not_be_framed()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/app/inbox/all");
            s.StatusCodeShouldBeOk();
        });

        var headers = result.Context.Response.Headers;
        headers.ContentSecurityPolicy.ToString().ShouldBe(DemoPage.Policy);
        headers.ContentSecurityPolicy.ToString().ShouldContain("frame-ancestors 'none'");
        headers.XFrameOptions.ToString().ShouldBe("DENY");
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
    }
}
