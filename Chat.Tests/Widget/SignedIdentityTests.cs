using System.Security.Cryptography;
using System.Text;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Reading;
using Chat.Api.Identity;
using Chat.Api.Workspaces;
using Chat.Tests.Support;

namespace Chat.Tests.Widget;

/// <summary>
/// The business's backend signs who a visitor is; a valid signature makes them one verified person on every device,
/// and anything less leaves them anonymous, never identified.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class SignedIdentityTests(ChatApp app)
{
    private const string Email = "ada@example.test";
    private const string Name = "Ada";

    [Fact]
    public async Task A_valid_signature_makes_the_visitor_the_same_verified_person_on_every_device()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);

        var laptop = await StartAsync(workspace, "customer-42", Sign(secret, "customer-42", Email, Name));
        await laptop.SendAsync("From my laptop");
        var phone = await StartAsync(workspace, "customer-42", Sign(secret, "customer-42", Email, Name));
        await phone.SendAsync("From my phone");

        (laptop.Session.Verified, phone.Session.Verified).ShouldBe((true, true));
        phone.Session.VisitorId.ShouldBe(laptop.Session.VisitorId);
        phone.Session.VisitorId.ShouldNotContain("customer-42");
        phone.Session.ConversationId.ShouldBe(laptop.Session.ConversationId);
        var view = await app.Api().GetAsync<ConversationView>($"/api/conversations/{laptop.Session.ConversationId}", workspace.Agent.Token);
        (view.Conversation.VisitorVerified, view.Summary.VisitorVerified).ShouldBe((true, true));
        view.CurrentThread!.Messages.Select(m => m.Text).ShouldBe(["From my laptop", "From my phone"]);
    }

    [Fact]
    public async Task A_forged_or_altered_signature_leaves_the_visitor_anonymous_and_apart()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var genuine = await StartAsync(workspace, "customer-7", Sign(secret, "customer-7", Email, Name));

        var forged = await StartAsync(workspace, "customer-7", Sign("not the secret", "customer-7", Email, Name));
        var otherPerson = await StartAsync(workspace, "customer-8", Sign(secret, "customer-7", Email, Name));
        var otherEmail = await StartAsync(workspace, "customer-7", Sign(secret, "customer-7", Email, Name), email: "eve@example.test");
        var garbage = await StartAsync(workspace, "customer-7", "zz");

        foreach (var anonymous in new[] { forged, otherPerson, otherEmail, garbage })
        {
            anonymous.Session.Verified.ShouldBeFalse();
            anonymous.Session.VisitorId.ShouldStartWith("v_");
            anonymous.Session.ConversationId.ShouldNotBe(genuine.Session.ConversationId);
        }
        await forged.SendAsync("Who am I?");
        (await app.Api().GetAsync<ConversationView>($"/api/conversations/{forged.Session.ConversationId}", workspace.Agent.Token))
            .Conversation.VisitorVerified.ShouldBeFalse();
    }

    [Fact]
    public async Task Without_a_secret_nobody_is_verified_and_a_new_secret_voids_signatures_made_with_the_old_one()
    {
        var workspace = await app.NewWorkspaceAsync();
        (await app.Api().GetAsync<IdentitySecretState>("/api/workspace/identity-secret", workspace.Admin.Token)).Enabled.ShouldBeFalse();
        (await StartAsync(workspace, "customer-1", Sign("anything", "customer-1", Email, Name))).Session.Verified.ShouldBeFalse();

        var first = await NewSecretAsync(workspace);
        var second = await NewSecretAsync(workspace);

        (await StartAsync(workspace, "customer-1", Sign(first, "customer-1", Email, Name))).Session.Verified.ShouldBeFalse();
        (await StartAsync(workspace, "customer-1", Sign(second, "customer-1", Email, Name))).Session.Verified.ShouldBeTrue();
        var state = await app.Api().GetAsync<IdentitySecretState>("/api/workspace/identity-secret", workspace.Admin.Token);
        state.Enabled.ShouldBeTrue();
        (await app.Api().SendAsync(HttpMethod.Get, "/api/workspace/identity-secret", null, workspace.Admin.Token, 200)).ShouldNotContain(second);

        await app.Api().SendAsync(HttpMethod.Delete, "/api/workspace/identity-secret", null, workspace.Admin.Token, 204);
        (await StartAsync(workspace, "customer-1", Sign(second, "customer-1", Email, Name))).Session.Verified.ShouldBeFalse();
    }

    [Fact]
    public async Task A_verified_visitors_earlier_token_alone_does_not_bring_back_their_conversation()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var verified = await StartAsync(workspace, "customer-9", Sign(secret, "customer-9", Email, Name));

        // The next person at a shared computer: the widget still holds the token, but the page no longer signs anyone.
        var next = await app.Api().PostAsync<WidgetSession>("/api/widget/sessions",
            new { widgetKey = workspace.Workspace.WidgetKey, previousToken = verified.Session.VisitorToken }, null);

        next.Verified.ShouldBeFalse();
        next.ConversationId.ShouldNotBe(verified.Session.ConversationId);
    }

    [Fact]
    public async Task Only_admins_make_or_read_the_secret_and_an_oversized_identity_is_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        foreach (var staff in new[] { workspace.Agent, workspace.Supervisor, workspace.Auditor })
        {
            await app.Api().RefusedAsync(HttpMethod.Post, "/api/workspace/identity-secret", null, staff.Token, 403);
            await app.Api().RefusedAsync(HttpMethod.Get, "/api/workspace/identity-secret", null, staff.Token, 403);
        }
        (await app.Api().GetAsync<IdentitySecretState>("/api/workspace/identity-secret", workspace.Admin.Token)).Enabled.ShouldBeFalse();

        await app.Api().RefusedAsync(HttpMethod.Post, "/api/widget/sessions",
            new { widgetKey = workspace.Workspace.WidgetKey, identity = new { externalId = new string('x', 201), signature = "00" } }, null, 400);
    }

    private async Task<string> NewSecretAsync(TestWorkspace workspace) =>
        (await app.Api().PostAsync<NewIdentitySecret>("/api/workspace/identity-secret", null, workspace.Admin.Token)).Secret;

    private static string Sign(string secret, string externalId, string? email, string? name) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{externalId}\n{email}\n{name}")));

    private async Task<SignedVisitor> StartAsync(TestWorkspace workspace, string externalId, string signature, string email = Email) =>
        new(app, await app.Api().PostAsync<WidgetSession>("/api/widget/sessions", new
        {
            widgetKey = workspace.Workspace.WidgetKey, name = Name, email,
            identity = new { externalId, signature },
        }, null));

    private sealed record SignedVisitor(ChatApp App, WidgetSession Session)
    {
        public Task<SentMessage> SendAsync(string text) => App.Api().PostAsync<SentMessage>("/api/visitor/messages",
            new { text, clientMessageId = Guid.NewGuid().ToString() }, Session.VisitorToken, 201);
    }
}
