using Chat.Api.CannedResponses;
using Chat.Projections.CannedResponses;
using Chat.Tests.Support;

namespace Chat.Tests.CannedResponses;

[Collection(ChatAppCollection.Name)]
public sealed class CannedResponseTests(ChatApp app)
{
    private const string Url = "/api/canned-responses";

    private Task<CannedResponseView> CreateAsync(TestAgent by, object body, int expect = 201) =>
        app.Api().PostAsync<CannedResponseView>(Url, body, by.Token, expect);

    private static object Shared(string shortcut, string text = "Hello {{visitor.name}}") =>
        new { scope = "shared", shortcut, title = $"Title of {shortcut}", text, tags = new[] { "Greeting" } };

    private static object Personal(string shortcut, string text = "Hi, {{agent.name}} here") =>
        new { shortcut, title = $"Title of {shortcut}", text };

    private Task<List<CannedResponseView>> ListAsync(TestAgent by, bool includeDeleted = false) =>
        app.Api().GetAsync<List<CannedResponseView>>($"{Url}?includeDeleted={includeDeleted}", by.Token);

    [Fact]
    public async Task A_supervisor_makes_a_shared_response_that_every_agent_sees_and_an_agent_a_personal_one_only_they_see()
    {
        var workspace = await app.NewWorkspaceAsync();

        var shared = await CreateAsync(workspace.Supervisor, Shared("/Hello"));
        var personal = await CreateAsync(workspace.Agent, Personal("mine"));

        (shared.Shortcut, shared.Title, shared.OwnerId, shared.Deleted).ShouldBe(("hello", "Title of /Hello", (Guid?)null, false));
        shared.Tags.ShouldBe(["greeting"]);
        shared.Scope.ShouldBe("shared");
        personal.OwnerId.ShouldBe(workspace.Agent.Id);
        personal.Scope.ShouldBe("personal");
        (await ListAsync(workspace.Agent)).Select(r => r.Shortcut).ShouldBe(["hello", "mine"]);
        (await ListAsync(workspace.OtherAgent)).Select(r => r.Shortcut).ShouldBe(["hello"], "another agent's personal responses are theirs");
    }

    [Fact]
    public async Task An_agent_may_not_make_change_or_delete_a_shared_response()
    {
        var workspace = await app.NewWorkspaceAsync();
        var shared = await CreateAsync(workspace.Admin, Shared("hello"));

        await app.Api().RefusedAsync(HttpMethod.Post, Url, Shared("other"), workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{shared.Id}", new { text = "Changed" }, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Delete, $"{Url}/{shared.Id}", null, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Get, Url, null, workspace.Auditor.Token, 403);

        (await ListAsync(workspace.Agent)).ShouldHaveSingleItem().ShouldBeEquivalentTo(shared);
    }

    [Fact]
    public async Task Another_agents_personal_response_and_another_workspaces_responses_are_unknown()
    {
        var workspace = await app.NewWorkspaceAsync();
        var elsewhere = await app.NewWorkspaceAsync();
        var personal = await CreateAsync(workspace.Agent, Personal("mine"));
        var foreign = await CreateAsync(elsewhere.Supervisor, Shared("theirs"));
        var visitor = await workspace.NewVisitorAsync("Ada");
        await visitor.SendAsync("Hello?");

        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{personal.Id}", new { text = "x" }, workspace.OtherAgent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{personal.Id}", new { text = "x" }, workspace.Supervisor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Delete, $"{Url}/{foreign.Id}", null, workspace.Supervisor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, $"{Url}/{foreign.Id}/restore", null, workspace.Supervisor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{visitor.ConversationId}/canned-responses/{foreign.Id}", null,
            workspace.Agent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{visitor.ConversationId}/canned-responses/{personal.Id}", null,
            workspace.OtherAgent.Token, 404);
        var elsewhereVisitor = await elsewhere.NewVisitorAsync();
        await elsewhereVisitor.SendAsync("Hello?");
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{elsewhereVisitor.ConversationId}/canned-responses/{personal.Id}", null,
            workspace.Agent.Token, 404);
    }

    [Fact]
    public async Task A_shortcut_is_unique_among_shared_responses_and_among_each_agents_own()
    {
        var workspace = await app.NewWorkspaceAsync();
        await CreateAsync(workspace.Supervisor, Shared("refund"));
        await CreateAsync(workspace.Agent, Personal("thanks"));

        await app.Api().RefusedAsync(HttpMethod.Post, Url, Shared("REFUND"), workspace.Admin.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Post, Url, Personal("thanks"), workspace.Agent.Token, 409);
        await CreateAsync(workspace.OtherAgent, Personal("thanks"));
        var renamed = await CreateAsync(workspace.Agent, Personal("bye"));
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{renamed.Id}", new { shortcut = "thanks" }, workspace.Agent.Token, 409);

        (await ListAsync(workspace.Agent)).Select(r => r.Shortcut).ShouldBe(["bye", "refund", "thanks"]);
    }

    [Fact]
    public async Task An_edit_changes_what_it_names_and_keeps_the_rest()
    {
        var workspace = await app.NewWorkspaceAsync();
        var created = await CreateAsync(workspace.Supervisor, Shared("hello"));

        await app.Api().SendAsync(HttpMethod.Patch, $"{Url}/{created.Id}", new { shortcut = "hi", text = "Hi {{visitor.name}}!" },
            workspace.Admin.Token, 200);

        var listed = (await ListAsync(workspace.Agent)).ShouldHaveSingleItem();
        listed.ShouldBeEquivalentTo(created with { Shortcut = "hi", Text = "Hi {{visitor.name}}!", UpdatedAt = listed.UpdatedAt, UpdatedBy = workspace.Admin.Id });
        (await CreateAsync(workspace.Supervisor, Shared("hello"))).Shortcut.ShouldBe("hello", "the old shortcut is free again");
    }

    [Fact]
    public async Task A_deleted_response_is_hidden_frees_its_shortcut_and_comes_back_when_restored_unless_the_shortcut_was_taken()
    {
        var workspace = await app.NewWorkspaceAsync();
        var created = await CreateAsync(workspace.Agent, Personal("thanks"));

        await app.Api().SendAsync(HttpMethod.Delete, $"{Url}/{created.Id}", null, workspace.Agent.Token, 200);

        (await ListAsync(workspace.Agent)).ShouldBeEmpty();
        (await ListAsync(workspace.Agent, includeDeleted: true)).ShouldHaveSingleItem().Deleted.ShouldBeTrue();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello?");
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/conversations/{visitor.ConversationId}/canned-responses/{created.Id}", null,
            workspace.Agent.Token, 404);

        var taker = await CreateAsync(workspace.Agent, Personal("thanks"));
        await app.Api().RefusedAsync(HttpMethod.Post, $"{Url}/{created.Id}/restore", null, workspace.Agent.Token, 409);
        await app.Api().SendAsync(HttpMethod.Patch, $"{Url}/{taker.Id}", new { shortcut = "thank-you" }, workspace.Agent.Token, 200);
        await app.Api().SendAsync(HttpMethod.Post, $"{Url}/{created.Id}/restore", null, workspace.Agent.Token, 200);

        (await ListAsync(workspace.Agent)).Select(r => (r.Shortcut, r.Deleted)).ShouldBe([("thank-you", false), ("thanks", false)]);
    }

    [Fact]
    public async Task Rendering_fills_the_visitor_the_agent_and_the_workspace_and_leaves_what_it_cannot_fill_as_typed()
    {
        var workspace = await app.NewWorkspaceAsync();
        var response = await CreateAsync(workspace.Supervisor, Shared("hello",
            "Hi {{visitor.name}}, {{ agent.name }} of {{workspace.name}}. We write to {{visitor.email}} about {{visitor.plan}} {{order.id}}."));
        var visitor = await workspace.NewVisitorAsync("Ada");
        await visitor.SendAsync("Hello?");

        var rendered = await app.Api().GetAsync<RenderedCannedResponse>(
            $"/api/conversations/{visitor.ConversationId}/canned-responses/{response.Id}", workspace.Agent.Token);

        rendered.Text.ShouldBe($"Hi Ada, agent of {workspace.Workspace.Name}. We write to {{{{visitor.email}}}} about {{{{visitor.plan}}}} {{{{order.id}}}}.");
        rendered.Unfilled.ShouldBe(["{{visitor.email}}", "{{visitor.plan}}", "{{order.id}}"]);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var created = await CreateAsync(workspace.Agent, Personal("ok"));
        object[] bad =
        [
            new { shortcut = "", title = "t", text = "x" },
            new { shortcut = "has space", title = "t", text = "x" },
            new { shortcut = new string('a', 33), title = "t", text = "x" },
            new { shortcut = "a", title = " ", text = "x" },
            new { shortcut = "a", title = "t", text = "" },
            new { shortcut = "a", title = "t", text = new string('x', ChatApp.MaxMessageLength + 1) },
            new { shortcut = "a", title = "t", text = "x", tags = new[] { "<b>" } },
            new { scope = "everyone", shortcut = "a", title = "t", text = "x" },
        ];
        foreach (var body in bad) await app.Api().RefusedAsync(HttpMethod.Post, Url, body, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{created.Id}", new { }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{created.Id}", new { title = "" }, workspace.Agent.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{created.Id}", "{\"text\": 5", workspace.Agent.Token, 400);

        (await ListAsync(workspace.Agent)).ShouldHaveSingleItem().ShouldBeEquivalentTo(created);
    }

    [Fact]
    public async Task Every_change_is_an_event_on_the_responses_own_stream()
    {
        var workspace = await app.NewWorkspaceAsync();
        var created = await CreateAsync(workspace.Agent, Personal("ok"));
        await app.Api().SendAsync(HttpMethod.Patch, $"{Url}/{created.Id}", new { title = "New title" }, workspace.Agent.Token, 200);
        await app.Api().SendAsync(HttpMethod.Delete, $"{Url}/{created.Id}", null, workspace.Agent.Token, 200);
        await app.Api().SendAsync(HttpMethod.Post, $"{Url}/{created.Id}/restore", null, workspace.Agent.Token, 200);

        await using var session = app.Store.QuerySession(workspace.Id);
        var events = await session.Events.FetchStreamAsync(created.Id);
        events.Select(e => e.EventTypeName).ShouldBe(["canned_response_created", "canned_response_edited", "canned_response_deleted", "canned_response_restored"]);
    }
}
