using Chat.Api.Conversations.Reading;
using Chat.Api.Identity;
using Chat.Api.Inbox;
using Chat.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Security.Claims;
using System.Text;

namespace Chat.Tests.Conversations;

/// <summary>Who may do what: tokens, roles, and the walls between workspaces.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class AccessTests(ChatApp app)
{
    [Fact]
    public async Task Agents_log_in_with_email_and_password_and_refresh_tokens_work_once()
    {
        var workspace = await app.NewWorkspaceAsync();

        var pair = await app.Api().PostAsync<TokenPair>("/api/auth/login",
            new { email = workspace.Agent.Account.Email.ToUpperInvariant(), password = TestAgent.Password }, null);
        await app.Api().GetAsync<InboxPage>("/api/inbox", pair.AccessToken);
        pair.Role.ShouldBe(Roles.Agent);
        pair.WorkspaceId.ShouldBe(workspace.Id);

        var renewed = await app.Api().PostAsync<TokenPair>("/api/auth/refresh", new { refreshToken = pair.RefreshToken }, null);
        await app.Api().GetAsync<InboxPage>("/api/inbox", renewed.AccessToken);
        renewed.RefreshToken.ShouldNotBe(pair.RefreshToken);
        // Spent: a moment later it is a lost race (409); later, a reuse that ends the session (RefreshTokenFamilyTests).
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = pair.RefreshToken }, null, 409);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused()
    {
        var workspace = await app.NewWorkspaceAsync();

        await app.Api().RefusedAsync(HttpMethod.Post, "/api/auth/login",
            new { email = workspace.Agent.Account.Email, password = "wrong" }, null, 401);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/auth/login", new { email = "nobody@nowhere.test", password = "x" }, null, 401);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/auth/login", new { email = "" }, null, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = "made-up" }, null, 401);
    }

    [Fact]
    public async Task Missing_expired_and_forged_tokens_get_401()
    {
        var workspace = await app.NewWorkspaceAsync();
        var expired = Sign(workspace.Agent.Account, ChatApp.SigningKey, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        var forged = Sign(workspace.Agent.Account, "another-key-that-is-long-enough-for-hmac-sha256!!", DateTime.UtcNow, DateTime.UtcNow.AddHours(1));

        (await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox", null, null, 401)).Detail!.ShouldContain("required");
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox", null, expired, 401);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox", null, forged, 401);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox", null, "not-a-jwt", 401);
    }

    [Fact]
    public async Task Roles_are_enforced_per_endpoint()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var sent = await visitor.SendAsync("Hi");

        await app.Api().GetAsync<InboxPage>("/api/inbox", workspace.Auditor.Token);
        await app.Api().GetAsync<ConversationView>($"/api/conversations/{visitor.ConversationId}", workspace.Auditor.Token);
        await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/messages",
            new { text = "hi", clientMessageId = "a" }, workspace.Auditor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close", new { }, workspace.Auditor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/inbox", null, visitor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{visitor.ConversationId}", null, visitor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages", new { text = "x", clientMessageId = "x" }, workspace.Agent.Token, 403);

        var events = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, sent.ThreadId);
        events.Max(e => e.Version).ShouldBe(sent.Version);
    }

    [Fact]
    public async Task Nothing_of_one_workspace_is_visible_from_another()
    {
        var ours = await app.NewWorkspaceAsync();
        var theirs = await app.NewWorkspaceAsync();
        var visitor = await ours.NewVisitorAsync();
        var sent = await visitor.SendAsync("Private matter");
        var stranger = theirs.Admin;

        (await app.Api().GetAsync<InboxPage>("/api/inbox", stranger.Token)).Items.ShouldBeEmpty();
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{visitor.ConversationId}", null, stranger.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{visitor.ConversationId}/threads/{sent.ThreadId}/events", null, stranger.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/messages",
            new { text = "hello", clientMessageId = "x" }, stranger.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close", new { }, stranger.Token, 404);

        var events = await app.ThreadEventsAsync(ours.Agent, visitor.ConversationId, sent.ThreadId);
        events.Max(e => e.Version).ShouldBe(sent.Version);
    }

    [Fact]
    public async Task Unknown_ids_get_404()
    {
        var workspace = await app.NewWorkspaceAsync();
        var unknown = Guid.NewGuid();

        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{unknown}", null, workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{unknown}/messages", new { text = "x", clientMessageId = "x" }, workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Put, $"/api/conversations/{unknown}/priority", new { priority = "High" }, workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Get, "/api/visitor/conversation", null, (await workspace.NewVisitorAsync()).Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/widget/sessions", new { widgetKey = "wk_unknown" }, null, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/widget/sessions", new { }, null, 400);
    }

    private static string Sign(AgentAccount agent, string key, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "chat",
            Audience = "chat",
            Subject = new ClaimsIdentity([new Claim("sub", agent.Id.ToString()), new Claim("workspace", agent.WorkspaceId), new Claim("role", agent.Role)]),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
