using Chat.Tests.Support;

namespace Chat.Tests.Catalog;

/// <summary>An email is a login name: one that only looks like an address, or like another one, is refused.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class EmailRulesTests(ChatApp app)
{
    [Theory]
    [InlineData("\u200B@\u200B")]
    [InlineData("look\u200Balike@example.test")]
    [InlineData("two words@example.test")]
    [InlineData("a@b@example.test")]
    [InlineData("@example.test")]
    [InlineData("nobody@")]
    [InlineData("no-at-sign")]
    public async Task An_email_that_is_not_a_plain_address_is_refused_and_nothing_is_created(string email)
    {
        var workspace = await app.NewWorkspaceAsync();
        var before = await app.Api().GetAsync<List<Chat.Api.Catalog.AgentProfile>>("/api/agents", workspace.Admin.Token);

        var refused = await app.Api().RefusedAsync(HttpMethod.Post, "/api/agents",
            new { email, displayName = "Someone", password = "correct horse battery staple" }, workspace.Admin.Token, 400);

        refused.Detail.ShouldBe("A valid email is required.");
        (await app.Api().GetAsync<List<Chat.Api.Catalog.AgentProfile>>("/api/agents", workspace.Admin.Token)).Count.ShouldBe(before.Count);
    }
}
