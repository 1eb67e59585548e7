using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Api.Conversations.Visitors;
using Chat.Api.Inbox;
using Chat.Contracts;
using Chat.Domain.Conversations;
using Chat.Tests.Integration;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Wolverine.Tracking;

namespace Chat.Tests.Widget;

/// <summary>
/// When nobody answers, the visitor leaves a message and a way to reach them; agents find the email with the
/// conversation in their inbox, and downstream systems are told.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class VisitorContactTests(ChatApp app)
{
    private const string Contact = "/api/visitor/contact";

    [Fact]
    public async Task A_visitors_contact_is_shown_to_agents_in_the_conversation_and_the_inbox_and_pushed_with_the_inbox_row()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync(name: null);
        var rows = new ConcurrentQueue<JsonElement>();
        await using var staff = app.HubConnection("agent", workspace.Auditor.Token);
        staff.On<JsonElement>("inbox", batch =>
        {
            foreach (var row in batch.EnumerateArray()) rows.Enqueue(row);
        });
        await staff.StartAsync();
        await visitor.SendAsync("Nobody there? Please write back about my order");

        var given = await app.Api().PutAsync<VisitorContact>(Contact, new { name = " Ann Lee ", email = " ann@example.com " }, visitor.Token);

        given.ShouldBe(new VisitorContact("Ann Lee", "ann@example.com"));
        var view = await app.ConversationAsync(workspace.Agent, visitor.ConversationId);
        (view.Conversation.VisitorName, view.Conversation.VisitorEmail).ShouldBe(("Ann Lee", "ann@example.com"));
        (view.Summary.VisitorName, view.Summary.VisitorEmail).ShouldBe(("Ann Lee", "ann@example.com"));
        var inbox = await app.Api().GetAsync<InboxPage>("/api/inbox", workspace.Agent.Token);
        inbox.Items.ShouldHaveSingleItem().VisitorEmail.ShouldBe("ann@example.com");
        await Eventually.Async(() => Task.FromResult(rows.Any(r => r.GetProperty("visitorEmail").GetString() == "ann@example.com")),
            "the inbox row with the email pushed to staff");
        var pushed = rows.Last(r => r.GetProperty("visitorEmail").GetString() == "ann@example.com");
        pushed.GetProperty("id").GetGuid().ShouldBe(visitor.ConversationId);
        pushed.GetProperty("visitorName").GetString().ShouldBe("Ann Lee");
    }

    [Fact]
    public async Task Giving_the_same_contact_again_appends_nothing_and_a_name_left_out_keeps_the_known_one()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync("Ann");
        await visitor.SendAsync("Please write back");

        var first = await app.Api().PutAsync<VisitorContact>(Contact, new { email = "ann@example.com" }, visitor.Token);
        var again = await app.Api().PutAsync<VisitorContact>(Contact, new { name = "Ann", email = "ann@example.com" }, visitor.Token);
        var blankName = await app.Api().PutAsync<VisitorContact>(Contact, new { name = "  ", email = "ann@example.com" }, visitor.Token);
        var changed = await app.Api().PutAsync<VisitorContact>(Contact, new { email = "ann@work.example" }, visitor.Token);

        first.ShouldBe(new VisitorContact("Ann", "ann@example.com"), "the name of the widget session is kept");
        again.ShouldBe(first);
        blankName.ShouldBe(first);
        changed.ShouldBe(new VisitorContact("Ann", "ann@work.example"));
        (await ContactEventsAsync(workspace, visitor)).Select(e => e.Email).ShouldBe(["ann@example.com", "ann@work.example"]);
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("""{"email":"   "}""", "email")]
    [InlineData("""{"email":"ann.example.com"}""", "email")]
    [InlineData("""{"email":"ann@"}""", "email")]
    [InlineData("""{"email":"@example.com"}""", "email")]
    [InlineData("""{"email":"ann@home@example.com"}""", "email")]
    [InlineData("""{"email":"ann lee@example.com"}""", "email")]
    [InlineData("""{"email":"ann\u200B@example.com"}""", "email")]
    [InlineData("""{"email":"LONG@example.com"}""", "email")]
    [InlineData("""{"name":"LONG","email":"ann@example.com"}""", "name")]
    public async Task A_bad_contact_is_refused_naming_the_field_and_changes_nothing(string body, string field)
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync("Ann");
        await visitor.SendAsync("Please write back");

        var problem = await app.Api().RefusedAsync(HttpMethod.Put, Contact, body.Replace("LONG", new string('a', 201)), visitor.Token, 400);

        problem.Detail.ShouldStartWith(field);
        (await ContactEventsAsync(workspace, visitor)).ShouldBeEmpty();
        var view = await app.ConversationAsync(workspace.Agent, visitor.ConversationId);
        (view.Conversation.VisitorName, view.Conversation.VisitorEmail, view.Summary.VisitorEmail).ShouldBe(("Ann", null, null));
    }

    [Fact]
    public async Task Before_the_first_message_there_is_no_conversation_to_leave_a_contact_on()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();

        var problem = await app.Api().RefusedAsync(HttpMethod.Put, Contact, new { email = "ann@example.com" }, visitor.Token, 404);

        problem.Detail!.ShouldContain("first");
        await using var session = app.Store.QuerySession(workspace.Id);
        (await session.Events.FetchStreamStateAsync(visitor.ConversationId)).ShouldBeNull();
    }

    [Fact]
    public async Task Downstream_systems_receive_the_contact_as_visitor_contact_given()
    {
        var workspace = await app.NewWorkspaceAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await app.Api().PostAsync<Chat.Api.Webhooks.WebhookSubscription>("/api/webhooks",
            new { url = receiver.Url(), eventTypes = new[] { IntegrationEventTypes.VisitorContactGiven } }, workspace.Admin.Token, 201);
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Please write back");

        await app.Api().PutAsync<VisitorContact>(Contact, new { name = "Ann", email = "ann@example.com" }, visitor.Token);
        await Eventually.Async(() => Task.FromResult(!receiver.Received.IsEmpty), "the delivery");

        var e = JsonSerializer.Deserialize<IntegrationEvent>(receiver.Received.ShouldHaveSingleItem().Body, Support.Api.Json)!;
        e.Type.ShouldBe(IntegrationEventTypes.VisitorContactGiven);
        (e.ConversationId, e.ThreadId, e.StreamId).ShouldBe((visitor.ConversationId, null, visitor.ConversationId));
        e.Actor.ShouldBe(new IntegrationActor("visitor", visitor.Id));
        ((JsonElement)e.Data).Deserialize<VisitorContactGivenV1>(Support.Api.Json).ShouldBe(new VisitorContactGivenV1("Ann", "ann@example.com"));
    }

    private async Task<IReadOnlyList<VisitorContactGiven>> ContactEventsAsync(TestWorkspace workspace, TestVisitor visitor)
    {
        await using var session = app.Store.QuerySession(workspace.Id);
        return [.. (await session.Events.FetchStreamAsync(visitor.ConversationId)).Select(e => e.Data).OfType<VisitorContactGiven>()];
    }
}
