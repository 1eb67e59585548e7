using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Visitors;
using Chat.Api.Identity;
using Chat.Api.Workspaces;
using Chat.Domain.Threads;
using Chat.Tests.Assignment;
using Chat.Tests.Support;

namespace Chat.Tests.Conversations;

/// <summary>
/// An agent follows up with a visitor the workspace knows (signed in by the business's backend): a new thread of the
/// visitor's one conversation, assigned to the agent, which the visitor finds in the widget next time.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class AgentStartedConversationTests(ChatApp app)
{
    [Fact]
    public async Task An_agent_starts_a_follow_up_that_is_theirs_and_that_the_visitor_reads_next_time()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var before = await SignInAsync(workspace, secret, "customer-1", "ada@example.test");
        await SendAsync(before, "Where is my order?");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{before.ConversationId}/close", new { });

        var started = await app.Api().PostAsync<SentMessage>("/api/conversations",
            new { externalId = "customer-1", text = "Your order shipped today.", clientMessageId = "follow-up-1" }, workspace.OtherAgent.Token, 201);

        started.ConversationId.ShouldBe(before.ConversationId);
        var view = await app.ConversationAsync(workspace.OtherAgent, started.ConversationId);
        view.Conversation.Threads.Count.ShouldBe(2);
        view.Summary.AssigneeId.ShouldBe(workspace.OtherAgent.Id);
        view.Summary.Status.ShouldBe(ThreadStatus.Open);
        var events = await app.ThreadEventsAsync(workspace.OtherAgent, started.ConversationId, started.ThreadId);
        events.Select(e => e.Type).ShouldBe(["thread_started", "thread_assigned", "message_posted"]);
        ((JsonElement)events[1].Data).GetProperty("agentId").GetGuid().ShouldBe(workspace.OtherAgent.Id);

        // The same person on another device, the next time the widget opens.
        var later = await SignInAsync(workspace, secret, "customer-1", "ada@example.test");
        var seen = await app.Api().GetAsync<VisitorConversationView>("/api/visitor/conversation", later.VisitorToken);
        seen.CurrentThreadId.ShouldBe(started.ThreadId);
        seen.CurrentMessages.ShouldHaveSingleItem().Text.ShouldBe("Your order shipped today.");
        seen.UnreadCount.ShouldBe(1);
        seen.AgentName.ShouldNotBeNull();
    }

    [Fact]
    public async Task Only_the_email_the_signed_identity_vouched_for_names_a_visitor_not_one_typed_into_the_contact_form()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var impostor = await SignInAsync(workspace, secret, "customer-7", null);
        await SendAsync(impostor, "Hello");
        await app.Api().SendAsync(HttpMethod.Put, "/api/visitor/contact", new { email = "victim@example.test" }, impostor.VisitorToken, 200);
        var customer = await SignInAsync(workspace, secret, "customer-8", "real@example.test");
        await SendAsync(customer, "Hi");
        await app.Api().SendAsync(HttpMethod.Put, "/api/visitor/contact", new { email = "typed@example.test" }, customer.VisitorToken, 200);
        foreach (var conversation in new[] { impostor.ConversationId, customer.ConversationId })
            await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{conversation}/close", new { });

        await app.Api().SendAsync(HttpMethod.Post, "/api/conversations",
            new { email = "victim@example.test", text = "Your refund", clientMessageId = "f-1" }, workspace.Agent.Token, 404);
        await app.Api().SendAsync(HttpMethod.Post, "/api/conversations",
            new { email = "typed@example.test", text = "Your refund", clientMessageId = "f-2" }, workspace.Agent.Token, 404);
        var found = await app.Api().PostAsync<SentMessage>("/api/conversations",
            new { externalId = "", email = "REAL@example.test", text = "Your refund", clientMessageId = "f-3" }, workspace.Agent.Token, 201);

        found.ConversationId.ShouldBe(customer.ConversationId);
    }

    [Fact]
    public async Task A_follow_up_whose_agent_goes_offline_goes_back_to_the_queue_and_to_someone_else()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var visitor = await SignInAsync(workspace, secret, "customer-4", null);
        await SendAsync(visitor, "Hello");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close", new { });
        await app.GoOnlineAsync(workspace.OtherAgent);
        var started = await app.Api().PostAsync<SentMessage>("/api/conversations",
            new { externalId = "customer-4", text = "A question about your order", clientMessageId = "follow-up-4" }, workspace.OtherAgent.Token, 201);
        await app.GoOnlineAsync(workspace.Agent);

        await app.GoOfflineAsync(workspace.OtherAgent);

        var item = await app.InboxItemAsync(workspace.Admin, visitor.ConversationId);
        (item.ThreadId, item.AssigneeId).ShouldBe((started.ThreadId, workspace.Agent.Id));
    }

    [Fact]
    public async Task The_visitor_is_found_by_email_and_a_resend_stores_nothing_twice()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var visitor = await SignInAsync(workspace, secret, "customer-2", "Grace@Example.test");
        await SendAsync(visitor, "Hello");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close", new { });
        var body = new { email = "grace@example.test", text = "Checking in", clientMessageId = "c-1" };

        var first = await app.Api().PostAsync<SentMessage>("/api/conversations", body, workspace.Agent.Token, 201);
        var again = await app.Api().PostAsync<SentMessage>("/api/conversations", body, workspace.Agent.Token, 200);

        again.ShouldBe(first with { Duplicate = true });
        (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).CurrentThread!.Messages.Count(m => m.Text == "Checking in").ShouldBe(1);
    }

    [Fact]
    public async Task A_visitor_with_an_open_conversation_gets_no_second_one_the_answer_names_it()
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var visitor = await SignInAsync(workspace, secret, "customer-3", null);
        await SendAsync(visitor, "Still waiting");

        var problem = await app.Api().RefusedAsync(HttpMethod.Post, "/api/conversations",
            new { externalId = "customer-3", text = "Hi", clientMessageId = "x" }, workspace.Agent.Token, 409);

        ((JsonElement)problem.Extensions["conversationId"]!).GetGuid().ShouldBe(visitor.ConversationId);
        (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).Conversation.Threads.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_anonymous_and_other_workspaces_visitors_are_not_found()
    {
        var workspace = await app.NewWorkspaceAsync();
        var other = await app.NewWorkspaceAsync();
        await NewSecretAsync(workspace);
        var theirs = await SignInAsync(other, await NewSecretAsync(other), "customer-4", "eve@example.test");
        await SendAsync(theirs, "Hello from the other workspace");
        var anonymous = await app.Api().PostAsync<WidgetSession>("/api/widget/sessions",
            new { widgetKey = workspace.Workspace.WidgetKey, name = "Anon", email = "anon@example.test" }, null);
        await SendAsync(anonymous, "I never signed in");

        foreach (var who in new object[] { new { externalId = "nobody" }, new { externalId = "customer-4" }, new { email = "eve@example.test" },
                     new { email = "anon@example.test" } })
        {
            var body = JsonSerializer.Serialize(who, Support.Api.Json).TrimEnd('}') + ",\"text\":\"Hi\",\"clientMessageId\":\"x\"}";
            await app.Api().SendRawAsync(HttpMethod.Post, "/api/conversations", body, workspace.Agent.Token, 404);
        }
        (await app.ConversationAsync(other.Agent, theirs.ConversationId)).Conversation.Threads.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"text":"Hi","clientMessageId":"x"}""", 400)]
    [InlineData("""{"externalId":"a","email":"a@example.test","text":"Hi","clientMessageId":"x"}""", 400)]
    [InlineData("""{"externalId":"customer-5","text":"   ","clientMessageId":"x"}""", 400)]
    [InlineData("""{"externalId":"customer-5","text":"Hi"}""", 400)]
    [InlineData("""{"externalId":"customer-5","text":3,"clientMessageId":"x"}""", 400)]
    public async Task Bad_input_is_refused_and_changes_nothing(string body, int status)
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = await NewSecretAsync(workspace);
        var visitor = await SignInAsync(workspace, secret, "customer-5", null);
        await SendAsync(visitor, "Hello");
        await app.CommandAsync(workspace.Agent, HttpMethod.Post, $"/api/conversations/{visitor.ConversationId}/close", new { });

        await app.Api().SendRawAsync(HttpMethod.Post, "/api/conversations", body, workspace.Agent.Token, status);

        (await app.ConversationAsync(workspace.Agent, visitor.ConversationId)).Conversation.Threads.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Auditors_and_visitors_cannot_start_conversations()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var body = new { externalId = "customer-6", text = "Hi", clientMessageId = "x" };
        await app.Api().SendAsync(HttpMethod.Post, "/api/conversations", body, workspace.Auditor.Token, 403);
        await app.Api().SendAsync(HttpMethod.Post, "/api/conversations", body, visitor.Token, 403);
    }

    private async Task<string> NewSecretAsync(TestWorkspace workspace) =>
        (await app.Api().PostAsync<NewIdentitySecret>("/api/workspace/identity-secret", null, workspace.Admin.Token)).Secret;

    private async Task<WidgetSession> SignInAsync(TestWorkspace workspace, string secret, string externalId, string? email)
    {
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{externalId}\n{email}\nCustomer")));
        var session = await app.Api().PostAsync<WidgetSession>("/api/widget/sessions", new
        {
            widgetKey = workspace.Workspace.WidgetKey, name = "Customer", email, identity = new { externalId, signature },
        }, null);
        session.Verified.ShouldBeTrue();
        return session;
    }

    private Task<SentMessage> SendAsync(WidgetSession visitor, string text) =>
        app.Api().PostAsync<SentMessage>("/api/visitor/messages", new { text, clientMessageId = Guid.NewGuid().ToString() }, visitor.VisitorToken, 201);
}
