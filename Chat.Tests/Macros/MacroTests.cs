using Chat.Domain.Macros;
using Chat.Domain.Threads;
using Chat.Tests.Support;

namespace Chat.Tests.Macros;

/// <summary>
/// Macros: a named list of actions, shared (kept by supervisors) or personal, that an agent runs on a conversation as one
/// command: every action or none, each event it causes naming the macro.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class MacroTests(ChatApp app)
{
    private static object Step(string step, object? fields = null) =>
        fields is null ? new { step } : MergeStep(step, fields);

    private static Dictionary<string, object?> MergeStep(string step, object fields)
    {
        var all = new Dictionary<string, object?> { ["step"] = step };
        foreach (var p in fields.GetType().GetProperties()) all[p.Name] = p.GetValue(fields);
        return all;
    }

    private Task<Macro> CreateAsync(TestAgent who, string name, string scope, params object[] actions) =>
        app.Api().PostAsync<Macro>("/api/macros", new { name, scope, actions }, who.Token, 201);

    private Task<ThreadPositionResult> RunAsync(TestAgent who, Guid conversationId, Guid macroId, int expect = 200) =>
        app.Api().PostAsync<ThreadPositionResult>($"/api/conversations/{conversationId}/macros/{macroId}/run", new { }, who.Token, expect);

    private sealed record ThreadPositionResult(Guid ConversationId, Guid ThreadId, long Version);

    [Fact]
    public async Task Running_a_macro_applies_every_action_in_order_and_each_event_names_the_macro()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("My invoice is wrong");
        var macro = await CreateAsync(workspace.Supervisor, "Billing: escalate", "Shared",
            Step("AddTags", new { tags = new[] { "Billing", "escalated" } }),
            Step("SetPriority", new { priority = "High" }),
            Step("Assign", new { agentId = workspace.Agent.Id }),
            Step("Reply", new { text = "I have passed this to our billing team." }),
            Step("Note", new { text = "Check the March invoice" }),
            Step("SetStatus", new { status = "Pending" }));

        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id);

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.Tags.ShouldBe(["billing", "escalated"]);
        (item.Priority, item.AssigneeId, item.Status).ShouldBe((Priority.High, workspace.Agent.Id, ThreadStatus.Pending));
        var events = await app.ThreadEventsAsync(workspace.Auditor, visitor.ConversationId, item.ThreadId);
        var caused = events.Where(e => e.Macro == macro.Id.ToString()).Select(e => e.Type).ToList();
        caused.ShouldBe(["thread_tagged", "thread_tagged", "priority_changed", "thread_assigned", "message_posted", "private_note_added", "status_changed"]);
        events.Where(e => e.Macro is null).Select(e => e.Type).ShouldNotContain("priority_changed");
    }

    [Fact]
    public async Task A_macro_that_fails_half_way_changes_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello");
        var macro = await CreateAsync(workspace.Agent, "Tag then hand over", "Personal",
            Step("AddTags", new { tags = new[] { "vip" } }),
            Step("SetPriority", new { priority = "Urgent" }),
            Step("Assign", new { agentId = workspace.OtherAgent.Id }));
        await app.Api().SendAsync(HttpMethod.Delete, $"/api/agents/{workspace.OtherAgent.Id}", null, workspace.Admin.Token, 200);
        var before = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);

        var problem = await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/macros/{macro.Id}/run",
            new { }, workspace.Agent.Token, 404);

        problem.Detail!.ShouldContain("Tag then hand over");
        var after = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        after.Tags.ShouldBeEmpty();
        after.Priority.ShouldBe(Priority.None);
        (await app.ThreadEventsAsync(workspace.Auditor, visitor.ConversationId, before.ThreadId)).ShouldNotContain(e => e.Macro != null);
    }

    [Fact]
    public async Task A_step_refused_by_its_own_rule_refuses_the_whole_run()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello");
        var macro = await CreateAsync(workspace.Agent, "Close and follow up", "Personal",
            Step("AddTags", new { tags = new[] { "done" } }),
            Step("Close", new { text = "solved" }));
        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id);
        var closed = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        closed.Status.ShouldBe(ThreadStatus.Closed);

        var replyOnClosed = await CreateAsync(workspace.Agent, "Reply", "Personal", Step("AddTags", new { tags = new[] { "late" } }),
            Step("Reply", new { text = "One more thing" }));
        var problem = await app.Api().RefusedAsync(HttpMethod.Post,
            $"/api/conversations/{visitor.ConversationId}/macros/{replyOnClosed.Id}/run", new { }, workspace.Agent.Token, 409);
        problem.Detail!.ShouldContain("Step 2 (Reply)");
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).Tags.ShouldBe(["done"]);
    }

    [Fact]
    public async Task Shared_macros_are_kept_by_supervisors_and_personal_ones_by_their_owner_alone()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/macros",
            new { name = "Team", scope = "Shared", actions = new[] { Step("SetPriority", new { priority = "Low" }) } }, workspace.Agent.Token, 403);
        var shared = await CreateAsync(workspace.Supervisor, "Team", "Shared", Step("SetPriority", new { priority = "Low" }));
        var mine = await CreateAsync(workspace.Agent, "Mine", "Personal", Step("SetPriority", new { priority = "High" }));

        await app.Api().RefusedAsync(HttpMethod.Put, $"/api/macros/{shared.Id}",
            new { name = "Renamed", actions = new[] { Step("SetPriority", new { priority = "Low" }) } }, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Put, $"/api/macros/{mine.Id}",
            new { name = "Theirs now", actions = new[] { Step("SetPriority", new { priority = "Low" }) } }, workspace.OtherAgent.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Delete, $"/api/macros/{mine.Id}", null, workspace.Supervisor.Token, 404);

        (await app.Api().GetAsync<List<Macro>>("/api/macros", workspace.Agent.Token)).Select(m => m.Name).ShouldBe(["Team", "Mine"]);
        (await app.Api().GetAsync<List<Macro>>("/api/macros", workspace.OtherAgent.Token)).Select(m => m.Name).ShouldBe(["Team"]);

        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        await RunAsync(workspace.OtherAgent, visitor.ConversationId, mine.Id, expect: 404);
    }

    [Fact]
    public async Task Changing_deleting_and_restoring_a_macro_are_events_and_a_deleted_one_does_not_run()
    {
        var workspace = await app.NewWorkspaceAsync();
        var macro = await CreateAsync(workspace.Supervisor, "Greet", "Shared", Step("Reply", new { text = "Hello!" }));
        var changed = await app.Api().PutAsync<Macro>($"/api/macros/{macro.Id}",
            new { name = "Greet warmly", actions = new[] { Step("Reply", new { text = "Hello, lovely to see you!" }) } }, workspace.Supervisor.Token);
        changed.Name.ShouldBe("Greet warmly");
        await app.Api().SendAsync(HttpMethod.Delete, $"/api/macros/{macro.Id}", null, workspace.Supervisor.Token, 204);
        (await app.Api().GetAsync<List<Macro>>("/api/macros", workspace.Agent.Token)).ShouldBeEmpty();

        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id, expect: 404);

        await app.Api().PostAsync<Macro>($"/api/macros/{macro.Id}/restore", new { }, workspace.Supervisor.Token);
        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id);
        var conversation = await app.ConversationAsync(workspace.Agent, visitor.ConversationId);
        conversation.Summary.AssigneeId.ShouldBe(workspace.Agent.Id, "a reply takes an unassigned conversation, as by hand");

        await using var session = app.Store.QuerySession(workspace.Id);
        var history = await session.Events.FetchStreamAsync(macro.Id);
        history.Select(e => e.Data.GetType().Name).ShouldBe(["MacroCreated", "MacroChanged", "MacroDeleted", "MacroRestored"]);
    }

    [Fact]
    public async Task A_macro_that_snoozes_wakes_the_conversation_at_its_time()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Remind me");
        await app.ReplyAsync(workspace.Agent, visitor.ConversationId, "Will do");
        var macro = await CreateAsync(workspace.Agent, "Snooze an hour", "Personal", Step("SetStatus", new { status = "Snoozed", snoozeMinutes = 60 }));

        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id);

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.Status.ShouldBe(ThreadStatus.Snoozed);
        item.SnoozedUntil.ShouldNotBeNull().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(58), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task A_macro_tags_as_the_catalogue_says_and_is_refused_whole_for_a_tag_outside_it_when_free_tags_are_off()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.Api().SendAsync(HttpMethod.Post, "/api/tags", new { name = "billing", colour = "#2563eb" }, workspace.Supervisor.Token, 201);
        await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { freeTags = false }, workspace.Admin.Token, 200);
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello");
        var loose = await CreateAsync(workspace.Agent, "Loose", "Personal",
            Step("SetPriority", new { priority = "High" }), Step("AddTags", new { tags = new[] { "billing", "whatever" } }));

        var problem = await app.Api().RefusedAsync(HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/macros/{loose.Id}/run",
            new { }, workspace.Agent.Token, 409);

        problem.Detail!.ShouldContain("'whatever' is not in the tag catalogue");
        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        (item.Priority, item.Tags.Count).ShouldBe((Priority.None, 0));
        var catalogued = await CreateAsync(workspace.Agent, "Catalogued", "Personal", Step("AddTags", new { tags = new[] { "Billing" } }));
        await RunAsync(workspace.Agent, visitor.ConversationId, catalogued.Id);
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).Tags.ShouldBe(["billing"]);
    }

    [Fact]
    public async Task A_macro_adds_nothing_for_a_tag_the_thread_carries_under_its_former_name()
    {
        var workspace = await app.NewWorkspaceAsync();
        var billing = await app.Api().PostAsync<Chat.Projections.TagCatalogue.TagView>("/api/tags", new { name = "billing", colour = "#2563eb" },
            workspace.Supervisor.Token, 201);
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/tags", new { tag = "billing" });
        await app.Api().SendAsync(HttpMethod.Patch, $"/api/tags/{billing.Id}", new { name = "payments", colour = "#2563eb" }, workspace.Supervisor.Token, 200);
        var macro = await CreateAsync(workspace.Agent, "Payments", "Personal", Step("AddTags", new { tags = new[] { "payments", "refund" } }));

        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id);

        var item = await app.InboxItemAsync(workspace.Agent, visitor.ConversationId);
        item.Tags.ShouldBe(["billing", "refund"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_canned_step_sends_the_response_filled_for_the_conversation_with_an_unknown_placeholder_left_visible()
    {
        var workspace = await app.NewWorkspaceAsync();
        var shared = await app.Api().PostAsync<Chat.Projections.CannedResponses.CannedResponseView>("/api/canned-responses",
            new { scope = "shared", shortcut = "thanks", title = "Thanks", text = "Thanks {{visitor.name}}, {{agent.name}} here. Order {{visitor.order}}?" },
            workspace.Supervisor.Token, 201);
        var personal = await app.Api().PostAsync<Chat.Projections.CannedResponses.CannedResponseView>("/api/canned-responses",
            new { scope = "personal", shortcut = "mine", title = "Mine", text = "Just mine" }, workspace.Agent.Token, 201);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/macros",
            new { name = "Team thanks", scope = "Shared", actions = new[] { Step("Canned", new { cannedResponseId = personal.Id }) } },
            workspace.Supervisor.Token, 404);
        var macro = await CreateAsync(workspace.Supervisor, "Thank and park", "Shared",
            Step("Canned", new { cannedResponseId = shared.Id }), Step("SetStatus", new { status = "Pending" }));
        var visitor = await workspace.NewVisitorAsync("Ada");
        await visitor.SendAsync("Where is my order?");

        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id);

        var conversation = await app.ConversationAsync(workspace.Agent, visitor.ConversationId);
        conversation.CurrentThread!.Messages.Last().Text.ShouldBe($"Thanks Ada, {workspace.Agent.Account.DisplayName} here. Order {{{{visitor.order}}}}?");
        conversation.Summary.Status.ShouldBe(ThreadStatus.Pending);

        await app.Api().SendAsync(HttpMethod.Delete, $"/api/canned-responses/{shared.Id}", null, workspace.Supervisor.Token, 200);
        await RunAsync(workspace.Agent, visitor.ConversationId, macro.Id, expect: 404);
    }

    [Theory]
    [InlineData("""{"name":"","actions":[{"step":"SetPriority","priority":"Low"}]}""", 400)]
    [InlineData("""{"name":"x","actions":[]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"SetPriority"}]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"SetPriority","priority":"Low","text":"extra"}]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"Launch"}]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"AddTags","tags":["<b>"]}]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"SetStatus","status":"Closed"}]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"SetStatus","status":"Snoozed"}]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"Close"},{"step":"SetPriority","priority":"Low"}]}""", 400)]
    [InlineData("""{"name":"x","actions":[{"step":"Assign","group":"nowhere"}]}""", 404)]
    [InlineData("""{"name":"x","actions":[{"step":"Assign","agentId":"6b1c2f60-0000-4000-8000-000000000000"}]}""", 404)]
    public async Task Bad_definitions_are_refused_and_nothing_is_saved(string json, int status)
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.Api().SendRawAsync(HttpMethod.Post, "/api/macros", json, workspace.Agent.Token, status);
        (await app.Api().GetAsync<List<Macro>>("/api/macros?includeDeleted=true", workspace.Agent.Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_is_used_once_per_owner_and_another_workspace_cannot_run_or_see_the_macro()
    {
        var workspace = await app.NewWorkspaceAsync();
        var other = await app.NewWorkspaceAsync();
        var macro = await CreateAsync(workspace.Agent, "Mine", "Personal", Step("SetPriority", new { priority = "Low" }));
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/macros",
            new { name = "MINE", scope = "Personal", actions = new[] { Step("SetPriority", new { priority = "Low" }) } }, workspace.Agent.Token, 409);
        await CreateAsync(workspace.OtherAgent, "Mine", "Personal", Step("SetPriority", new { priority = "Low" }));

        var theirVisitor = await other.NewVisitorAsync();
        await theirVisitor.SendAsync("Hi");
        await RunAsync(other.Agent, theirVisitor.ConversationId, macro.Id, expect: 404);
        await app.Api().RefusedAsync(HttpMethod.Put, $"/api/macros/{macro.Id}",
            new { name = "Stolen", actions = new[] { Step("SetPriority", new { priority = "Low" }) } }, other.Agent.Token, 404);
        (await app.Api().GetAsync<List<Macro>>("/api/macros", other.Agent.Token)).ShouldBeEmpty();
    }
}
