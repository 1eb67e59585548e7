using Chat.Api.Workspaces;
using Chat.Tests.Support;

namespace Chat.Tests.Widget;

/// <summary>A workspace's admins name the sites that may embed its widget; anything that is not a plain origin is refused.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class OriginsAdminTests(ChatApp app)
{
    [Fact]
    public async Task An_admin_sets_the_origins_and_reads_them_back_normalized()
    {
        var workspace = await app.NewWorkspaceAsync();
        (await app.Api().GetAsync<OriginsAnswer>("/api/workspace/origins", workspace.Admin.Token)).Origins.ShouldBeEmpty();

        var set = await app.Api().PutAsync<OriginsAnswer>("/api/workspace/origins",
            new { origins = new[] { " HTTPS://Shop.Example:443/ ", "http://localhost:8080", "https://shop.example", "http://[::1]:3000", "https://bücher.example" } },
            workspace.Admin.Token);

        string[] expected = ["https://shop.example", "http://localhost:8080", "http://[::1]:3000", "https://xn--bcher-kva.example"];
        set.Origins.ShouldBe(expected);
        (await app.Api().GetAsync<OriginsAnswer>("/api/workspace/origins", workspace.Admin.Token)).Origins.ShouldBe(expected);
    }

    [Theory]
    [InlineData("https://shop.example/path")]
    [InlineData("https://shop.example/?q=1")]
    [InlineData("https://*.shop.example")]
    [InlineData("*")]
    [InlineData("ftp://shop.example")]
    [InlineData("shop.example")]
    [InlineData("https://user@shop.example")]
    [InlineData("")]
    [InlineData("null")]
    public async Task An_origin_that_is_not_scheme_host_and_port_is_refused_and_nothing_changes(string origin)
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.Api().PutAsync<OriginsAnswer>("/api/workspace/origins", new { origins = new[] { "https://kept.example" } }, workspace.Admin.Token);

        await app.Api().RefusedAsync(HttpMethod.Put, "/api/workspace/origins", new { origins = new[] { "https://ok.example", origin } },
            workspace.Admin.Token, 400);

        (await app.Api().GetAsync<OriginsAnswer>("/api/workspace/origins", workspace.Admin.Token)).Origins.ShouldBe(["https://kept.example"]);
    }

    [Fact]
    public async Task A_missing_list_is_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.Api().RefusedAsync(HttpMethod.Put, "/api/workspace/origins", new { }, workspace.Admin.Token, 400);
    }

    [Fact]
    public async Task Only_admins_read_or_set_the_origins()
    {
        var workspace = await app.NewWorkspaceAsync();
        foreach (var staff in new[] { workspace.Agent, workspace.Supervisor, workspace.Auditor })
        {
            await app.Api().RefusedAsync(HttpMethod.Get, "/api/workspace/origins", null, staff.Token, 403);
            await app.Api().RefusedAsync(HttpMethod.Put, "/api/workspace/origins", new { origins = new[] { "https://evil.example" } }, staff.Token, 403);
        }
        var visitor = await workspace.NewVisitorAsync();
        await app.Api().RefusedAsync(HttpMethod.Put, "/api/workspace/origins", new { origins = new[] { "https://evil.example" } }, visitor.Token, 403);

        (await app.Api().GetAsync<OriginsAnswer>("/api/workspace/origins", workspace.Admin.Token)).Origins.ShouldBeEmpty();
    }
}
