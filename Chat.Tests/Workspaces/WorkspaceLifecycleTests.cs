using System.Diagnostics;
using Chat.Api.Identity;
using Chat.Api.Workspaces;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Marten;

namespace Chat.Tests.Workspaces;

/// <summary>A business signs up (or the operator makes its workspace), then its admin renames it and rotates its widget key.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class WorkspaceLifecycleTests(ChatApp app)
{
    private const string Password = "a password long enough";

    [Fact]
    public async Task A_business_signs_up_and_its_admin_signs_in_to_its_own_workspace_with_a_working_widget_key()
    {
        var email = $"owner-{Guid.NewGuid():N}@bikes.test";

        var created = await app.Api().PostAsync<CreatedWorkspace>("/api/signup",
            new { workspaceName = "Bikes & Repairs", email, password = Password, displayName = "Olga" }, null, 201);

        created.WorkspaceId.ShouldStartWith("bikes-repairs-");
        var admin = await app.Api().PostAsync<TokenPair>("/api/auth/login", new { email, password = Password }, null);
        (admin.WorkspaceId, admin.Role, admin.DisplayName).ShouldBe((created.WorkspaceId, Roles.Admin, "Olga"));
        var workspace = await app.Api().GetAsync<Workspace>("/api/workspace", admin.AccessToken);
        (workspace.Name, workspace.WidgetKey).ShouldBe(("Bikes & Repairs", created.WidgetKey));
        var visitor = await app.Api().PostAsync<WidgetSession>("/api/widget/sessions", new { widgetKey = created.WidgetKey }, null);
        await app.Api().PostAsync<Chat.Api.Conversations.SentMessage>("/api/visitor/messages",
            new { text = "Hello", clientMessageId = "c1" }, visitor.VisitorToken, 201);
        (await app.Api().SendAsync(HttpMethod.Get, "/api/inbox?view=all", null, admin.AccessToken, 200)).ShouldContain(visitor.ConversationId.ToString());
    }

    [Theory]
    [InlineData("", "a@b.test", Password, "workspaceName is required.")]
    [InlineData("Shop", "not an email", Password, "A valid email is required.")]
    [InlineData("Shop", "a@b.test", "short", "The password has at least 10 characters.")]
    public async Task A_sign_up_with_bad_input_is_refused_and_makes_nothing(string name, string email, string password, string detail)
    {
        var before = await WorkspaceCountAsync();

        var refused = await app.Api().RefusedAsync(HttpMethod.Post, "/api/signup", new { workspaceName = name, email, password }, null, 400);

        refused.Detail.ShouldBe(detail);
        (await WorkspaceCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_private_installation_refuses_sign_up()
    {
        var database = await TestDatabase.OtherAsync(TestDatabase.Beside("_private"));
        await using var closed = await ChatApp.StartAsync(database, o => o.SignUp.Enabled = false);

        var refused = await closed.Api().RefusedAsync(HttpMethod.Post, "/api/signup",
            new { workspaceName = "Shop", email = "a@b.test", password = Password }, null, 403);

        refused.Detail.ShouldBe("Sign-up is switched off on this installation: its operator makes workspaces.");
    }

    [Fact]
    public async Task An_admin_renames_the_workspace_and_others_may_not()
    {
        var workspace = await app.NewWorkspaceAsync();

        var renamed = await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { name = "  Bikes North " }, workspace.Admin.Token, 200);

        renamed.ShouldContain("\"name\":\"Bikes North\"");
        await app.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { name = "Mine now" }, workspace.Supervisor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { name = " " }, workspace.Admin.Token, 400);
        (await app.Api().GetAsync<Workspace>("/api/workspace", workspace.Admin.Token)).Name.ShouldBe("Bikes North");
    }

    [Fact]
    public async Task A_rotated_widget_key_is_refused_at_once_and_the_new_one_works()
    {
        var workspace = await app.NewWorkspaceAsync();
        var old = workspace.Workspace.WidgetKey;

        var rotated = await app.Api().PostAsync<Workspace>("/api/workspace/widget-key", null, workspace.Admin.Token);

        rotated.WidgetKey.ShouldNotBe(old);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/widget/sessions", new { widgetKey = old }, null, 404);
        await app.Api().PostAsync<WidgetSession>("/api/widget/sessions", new { widgetKey = rotated.WidgetKey }, null);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/workspace/widget-key", null, workspace.Agent.Token, 403);
    }

    [Fact]
    public async Task The_operator_command_makes_a_workspace_whose_admin_signs_in()
    {
        var email = $"ops-{Guid.NewGuid():N}@acme.test";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Chat.Api.dll"), "create-workspace", "Acme", email },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in LiveCluster.NodeEnvironment(TestDatabase.ConnectionString)) start.Environment[key] = value;
        start.Environment["CHAT_ADMIN_PASSWORD"] = Password;

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain($"admin {email}");
        var admin = await app.Api().PostAsync<TokenPair>("/api/auth/login", new { email, password = Password }, null);
        admin.Role.ShouldBe(Roles.Admin);
        output.ShouldContain($"Created workspace '{admin.WorkspaceId}' (Acme)");
    }

    private async Task<int> WorkspaceCountAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<Workspace>().CountAsync();
    }
}
