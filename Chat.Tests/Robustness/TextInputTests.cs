using System.Text.Json;
using Chat.Domain.Agents;
using Chat.Projections.Agents;
using Chat.Tests.Support;

namespace Chat.Tests.Robustness;

/// <summary>The examples: text that cannot be stored, undefined enum values and invisible text are refused, naming the field.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class TextInputTests(ChatApp app)
{
    [Fact]
    public async Task A_NUL_anywhere_is_a_400_naming_the_field_and_stores_nothing()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var sent = await visitor.SendAsync("Hi");
        var admin = workspace.Admin.Token;
        var before = await EventStoreFingerprint.SettledAsync(TestDatabase.ConnectionString, workspace.Id);

        async Task RefusedNaming(string field, HttpMethod method, string url, string? body, string? token)
        {
            var problem = await app.Api().SendRawAsync(method, url, body, token, 400);
            JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString()!.ShouldContain(field);
        }

        await RefusedNaming("$.text", HttpMethod.Post, "/api/visitor/messages", """{"text":"a\u0000b","clientMessageId":"c-1"}""", visitor.Token);
        await RefusedNaming("$.clientMessageId", HttpMethod.Post, "/api/visitor/messages", """{"text":"hello","clientMessageId":"c\u0000"}""", visitor.Token);
        await RefusedNaming("$.text", HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/messages",
            """{"text":"a\ud800","clientMessageId":"a-1"}""", admin);
        await RefusedNaming("$.email", HttpMethod.Post, "/api/auth/login", """{"email":"a\u0000@b.test","password":"x"}""", null);
        await RefusedNaming("$.name", HttpMethod.Post, "/api/groups", """{"id":"sales","name":"Sa\u0000les"}""", admin);
        await RefusedNaming("$.url", HttpMethod.Post, "/api/webhooks", """{"url":"http://127.0.0.2/\u0000","eventTypes":["message_posted"]}""", admin);
        await RefusedNaming("'group'", HttpMethod.Get, "/api/inbox?group=a%00b", null, admin);
        await RefusedNaming("'tag'", HttpMethod.Get, "/api/inbox?tag=a%00b", null, admin);

        (await EventStoreFingerprint.OfAsync(TestDatabase.ConnectionString, workspace.Id)).ShouldBe(before);
        (await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, sent.ThreadId)).Max(e => e.Version).ShouldBe(sent.Version);
    }

    [Fact]
    public async Task A_visitor_name_holding_a_NUL_is_refused_when_the_session_starts()
    {
        var workspace = await app.NewWorkspaceAsync();

        var problem = await app.Api().SendRawAsync(HttpMethod.Post, "/api/widget/sessions",
            $$"""{"widgetKey":"{{workspace.Workspace.WidgetKey}}","name":"Eve\u0000"}""", null, 400);

        problem.ShouldContain("$.name");
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("\"99\"")]
    [InlineData("\"Busy\"")]
    [InlineData("\"Online, Away\"")]
    public async Task An_undefined_status_is_a_400_and_changes_no_presence(string status)
    {
        var workspace = await app.NewWorkspaceAsync();

        await app.Api().SendRawAsync(HttpMethod.Put, "/api/agents/me/status", $$"""{"status":{{status}}}""", workspace.Agent.Token, 400);

        var presence = await app.Api().GetAsync<List<AgentPresenceView>>("/api/agents/presence", workspace.Agent.Token);
        presence.ShouldNotContain(p => !Enum.IsDefined(p.Status));
        await app.Api().SendRawAsync(HttpMethod.Get, "/api/inbox?status=99", null, workspace.Agent.Token, 400);
        await app.Api().SendRawAsync(HttpMethod.Put, "/api/agents/me/status", """{"status":"away"}""", workspace.Agent.Token, 204);
    }

    [Fact]
    public async Task A_message_of_only_invisible_characters_is_empty()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();

        var problem = await app.Api().RefusedAsync(HttpMethod.Post, "/api/visitor/messages",
            new { text = "\u200B\u200C\u200D\u2060\uFEFF \u202E", clientMessageId = "c-1" }, visitor.Token, 400);

        problem.Detail!.ShouldContain("empty");
    }

    [Fact]
    public async Task Bidi_controls_and_zero_width_characters_inside_real_text_are_stored_as_sent()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        const string text = "\u200Bshalom \u202Eעולם\u202C a\u200Db\u2060c\uFEFF";

        var sent = await visitor.SendAsync(text);

        var events = await app.ThreadEventsAsync(workspace.Agent, visitor.ConversationId, sent.ThreadId);
        var posted = events.Single(e => e.Type == "message_posted");
        ((JsonElement)posted.Data).GetProperty("text").GetString().ShouldBe(text);
    }
}
