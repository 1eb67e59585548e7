using System.Text.Json;
using Chat.Api.Inbox;
using Chat.Api.TagCatalogue;
using Chat.Projections.Inbox;
using Chat.Projections.TagCatalogue;
using Chat.Tests.Support;

namespace Chat.Tests.TagCatalogue;

[Collection(ChatAppCollection.Name)]
public sealed class TagCatalogueTests(ChatApp app)
{
    private const string Url = "/api/tags";

    private Task<TagView> CreateAsync(TestAgent by, string name, string? colour = "#0a7d32", int expect = 201) =>
        app.Api().PostAsync<TagView>(Url, new { name, colour }, by.Token, expect);

    private Task<TagCatalogueView> CatalogueAsync(TestAgent by, bool includeDeleted = false) =>
        app.Api().GetAsync<TagCatalogueView>($"{Url}?includeDeleted={includeDeleted}", by.Token);

    private static string Tags(TestVisitor visitor, string rest = "") => $"/api/conversations/{visitor.ConversationId}/tags{rest}";

    private async Task<TestVisitor> ChattingVisitorAsync(TestWorkspace workspace)
    {
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hi");
        return visitor;
    }

    private async Task<IReadOnlyList<string>> ThreadTagsAsync(TestWorkspace workspace, TestVisitor visitor) =>
        (await app.InboxItemAsync(workspace.Agent, visitor.ConversationId)).Tags;

    [Fact]
    public async Task Supervisors_make_tags_with_a_colour_and_all_staff_read_them()
    {
        var workspace = await app.NewWorkspaceAsync();

        var billing = await CreateAsync(workspace.Supervisor, " Billing ", "#0A7D32");
        var plain = await CreateAsync(workspace.Admin, "vip", colour: null);

        (billing.Name, billing.Colour, billing.Deleted).ShouldBe(("billing", "#0a7d32", false));
        plain.Colour.ShouldBe("#6b7280", "a tag without a colour is grey");
        var catalogue = await CatalogueAsync(workspace.Auditor);
        catalogue.FreeTags.ShouldBeTrue("free tags are allowed until an admin says otherwise");
        catalogue.Tags.Select(t => t.Name).ShouldBe(["billing", "vip"]);
        await app.Api().RefusedAsync(HttpMethod.Post, Url, new { name = "mine" }, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{billing.Id}", new { colour = "#000000" }, workspace.Agent.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Delete, $"{Url}/{billing.Id}", null, workspace.Agent.Token, 403);
    }

    [Fact]
    public async Task A_name_is_taken_once_in_a_workspace_even_by_a_former_or_deleted_tag_but_not_across_workspaces()
    {
        var workspace = await app.NewWorkspaceAsync();
        var billing = await CreateAsync(workspace.Supervisor, "billing");
        await app.Api().SendAsync(HttpMethod.Patch, $"{Url}/{billing.Id}", new { name = "payments" }, workspace.Supervisor.Token, 200);
        var vip = await CreateAsync(workspace.Supervisor, "vip");
        await app.Api().SendAsync(HttpMethod.Delete, $"{Url}/{vip.Id}", null, workspace.Supervisor.Token, 200);

        await app.Api().RefusedAsync(HttpMethod.Post, Url, new { name = "PAYMENTS" }, workspace.Supervisor.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Post, Url, new { name = "billing" }, workspace.Supervisor.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Post, Url, new { name = "vip" }, workspace.Supervisor.Token, 409);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{billing.Id}", new { name = "vip" }, workspace.Supervisor.Token, 409);
        var elsewhere = await app.NewWorkspaceAsync();
        await CreateAsync(elsewhere.Supervisor, "billing");

        (await CatalogueAsync(workspace.Agent, includeDeleted: true)).Tags.Select(t => (t.Name, t.Deleted)).ShouldBe([("payments", false), ("vip", true)]);
    }

    [Fact]
    public async Task A_renamed_tag_keeps_its_history_readable_under_its_new_name()
    {
        var workspace = await app.NewWorkspaceAsync();
        var tag = await CreateAsync(workspace.Supervisor, "billing", "#aa0000");
        var before = await ChattingVisitorAsync(workspace);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Tags(before), new { tag = "billing" });

        var answer = JsonSerializer.Deserialize<TagView>(await app.Api().SendAsync(HttpMethod.Patch, $"{Url}/{tag.Id}",
            new { name = "Payments", colour = "#00aa00" }, workspace.Supervisor.Token, 200), Support.Api.Json)!;

        (answer.Id, answer.Name, answer.Colour).ShouldBe((tag.Id, "payments", "#00aa00"));
        answer.FormerNames.ShouldBe(["billing"], "the rename map: threads tagged 'billing' show as 'payments'");
        (await ThreadTagsAsync(workspace, before)).ShouldBe(["billing"], "the thread's history is never rewritten");
        var events = await app.ThreadEventsAsync(workspace.Agent, before.ConversationId, (await app.InboxItemAsync(workspace.Agent, before.ConversationId)).ThreadId);
        events.Single(e => e.Type == "thread_tagged").Data.ToString()!.ShouldContain("billing");

        // Tagging again under either name is the same tag: nothing new on the old thread, the current name on a new one.
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Tags(before), new { tag = "payments" });
        (await ThreadTagsAsync(workspace, before)).ShouldBe(["billing"]);
        var after = await ChattingVisitorAsync(workspace);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Tags(after), new { tag = "billing" });
        (await ThreadTagsAsync(workspace, after)).ShouldBe(["payments"]);

        var filtered = await app.Api().GetAsync<InboxPage>("/api/inbox?tag=payments", workspace.Agent.Token);
        filtered.Items.Select(i => i.Id).ShouldBe([after.ConversationId, before.ConversationId], ignoreOrder: true);

        await app.Api().SendAsync(HttpMethod.Delete, Tags(before, "/payments"), null, workspace.Agent.Token, 200);
        (await ThreadTagsAsync(workspace, before)).ShouldBeEmpty("removing the tag by its new name takes off its old one");
    }

    [Fact]
    public async Task A_deleted_tag_is_refused_on_threads_until_it_is_restored()
    {
        var workspace = await app.NewWorkspaceAsync();
        var tag = await CreateAsync(workspace.Supervisor, "billing");
        var visitor = await ChattingVisitorAsync(workspace);

        await app.Api().SendAsync(HttpMethod.Delete, $"{Url}/{tag.Id}", null, workspace.Supervisor.Token, 200);

        (await CatalogueAsync(workspace.Agent)).Tags.ShouldBeEmpty();
        await app.Api().RefusedAsync(HttpMethod.Post, Tags(visitor), new { tag = "Billing" }, workspace.Agent.Token, 409);
        (await ThreadTagsAsync(workspace, visitor)).ShouldBeEmpty();

        await app.Api().SendAsync(HttpMethod.Post, $"{Url}/{tag.Id}/restore", null, workspace.Supervisor.Token, 200);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Tags(visitor), new { tag = "Billing" });
        (await ThreadTagsAsync(workspace, visitor)).ShouldBe(["billing"]);
        (await CatalogueAsync(workspace.Agent)).Tags.ShouldHaveSingleItem().Deleted.ShouldBeFalse();
    }

    [Fact]
    public async Task Without_free_tags_only_catalogue_tags_go_on_threads()
    {
        var workspace = await app.NewWorkspaceAsync();
        await CreateAsync(workspace.Supervisor, "billing");
        var visitor = await ChattingVisitorAsync(workspace);
        await app.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { freeTags = false }, workspace.Supervisor.Token, 403);

        await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { freeTags = false }, workspace.Admin.Token, 200);

        (await CatalogueAsync(workspace.Agent)).FreeTags.ShouldBeFalse();
        var problem = await app.Api().RefusedAsync(HttpMethod.Post, Tags(visitor), new { tag = "whatever" }, workspace.Agent.Token, 409);
        problem.Detail.ShouldBe("'whatever' is not in the tag catalogue, and this workspace allows catalogue tags only.");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Tags(visitor), new { tag = "billing" });
        (await ThreadTagsAsync(workspace, visitor)).ShouldBe(["billing"]);

        await app.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { freeTags = true }, workspace.Admin.Token, 200);
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, Tags(visitor), new { tag = "whatever" });
        (await ThreadTagsAsync(workspace, visitor)).ShouldBe(["billing", "whatever"]);
    }

    [Fact]
    public async Task Another_workspaces_tag_is_unknown()
    {
        var workspace = await app.NewWorkspaceAsync();
        var elsewhere = await app.NewWorkspaceAsync();
        var foreign = await CreateAsync(elsewhere.Supervisor, "billing");

        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{foreign.Id}", new { name = "mine" }, workspace.Supervisor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Delete, $"{Url}/{foreign.Id}", null, workspace.Supervisor.Token, 404);
        await app.Api().RefusedAsync(HttpMethod.Post, $"{Url}/{foreign.Id}/restore", null, workspace.Supervisor.Token, 404);
        (await CatalogueAsync(elsewhere.Agent)).Tags.ShouldHaveSingleItem().Name.ShouldBe("billing");
    }

    [Fact]
    public async Task Bad_names_and_colours_are_refused_and_change_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var tag = await CreateAsync(workspace.Supervisor, "billing");
        object[] bad =
        [
            new { name = "", colour = "#000000" },
            new { name = "<script>", colour = "#000000" },
            new { name = new string('a', 51), colour = "#000000" },
            new { name = "ok", colour = "red" },
            new { name = "ok", colour = "#fff" },
            new { name = "ok", colour = "#12345g" },
            new { name = "ok", colour = "#000000; background:url(x)" },
        ];
        foreach (var body in bad) await app.Api().RefusedAsync(HttpMethod.Post, Url, body, workspace.Supervisor.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{tag.Id}", new { }, workspace.Supervisor.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Patch, $"{Url}/{tag.Id}", new { colour = "blue" }, workspace.Supervisor.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", "{\"freeTags\": \"no\"}", workspace.Admin.Token, 400);

        (await CatalogueAsync(workspace.Agent)).Tags.ShouldHaveSingleItem().ShouldBeEquivalentTo(tag);
    }
}
