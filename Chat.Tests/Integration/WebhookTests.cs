using System.Text.Json;
using Chat.Api.Webhooks;
using Chat.Contracts;
using Chat.Tests.Assignment;
using Chat.Tests.Support;

namespace Chat.Tests.Integration;

[Collection(ChatAppCollection.Name)]
public sealed class WebhookTests(ChatApp app)
{
    private Task<WebhookSubscription> SubscribeAsync(TestWorkspace workspace, string url, params string[] types) =>
        app.Api().PostAsync<WebhookSubscription>("/api/webhooks", new { url, eventTypes = types.Length == 0 ? ["*"] : types },
            workspace.Admin.Token, 201);

    private Task<List<WebhookDelivery>> DeliveriesAsync(TestWorkspace workspace, WebhookSubscription subscription) =>
        app.Api().GetAsync<List<WebhookDelivery>>($"/api/webhooks/{subscription.Id}/deliveries", workspace.Admin.Token);

    /// <summary>Waits until the subscription's delivery log satisfies the condition.</summary>
    private async Task<List<WebhookDelivery>> LoggedAsync(TestWorkspace workspace, WebhookSubscription subscription,
        Func<List<WebhookDelivery>, bool> done, int seconds = 30) =>
        await Eventually.Async(() => DeliveriesAsync(workspace, subscription), done, TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task Deliveries_are_signed_and_the_receiver_can_tell_a_genuine_one_from_a_forgery()
    {
        var workspace = await app.NewWorkspaceAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(workspace, receiver.Url(), IntegrationEventTypes.MessagePosted);
        var visitor = await workspace.NewVisitorAsync();

        await visitor.SendAsync("Hello webhooks");
        await LoggedAsync(workspace, subscription, log => log.Any(d => d.Succeeded));

        var received = receiver.Received.ShouldHaveSingleItem();
        var now = DateTimeOffset.UtcNow;
        WebhookSignature.Verify(subscription.Secret, received.Id, received.Timestamp, received.Signature, received.Body, now).ShouldBeTrue();
        WebhookSignature.Verify(subscription.Secret, received.Id, received.Timestamp, received.Signature, received.Body.Replace("Hello", "Hallo"), now)
            .ShouldBeFalse("a tampered body");
        WebhookSignature.Verify(subscription.Secret, received.Id, received.Timestamp, received.Signature, received.Body, now.AddMinutes(10))
            .ShouldBeFalse("a stale timestamp");
        WebhookSignature.Verify(WebhookSignature.NewSecret(), received.Id, received.Timestamp, received.Signature, received.Body, now)
            .ShouldBeFalse("the wrong secret");
        var e = JsonSerializer.Deserialize<IntegrationEvent>(received.Body, Chat.Tests.Support.Api.Json)!;
        e.Type.ShouldBe(IntegrationEventTypes.MessagePosted);
        e.EventId.ToString().ShouldBe(received.Id);
        ((JsonElement)e.Data).GetProperty("text").GetString().ShouldBe("Hello webhooks");
        (await DeliveriesAsync(workspace, subscription)).ShouldHaveSingleItem().Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_the_same_id_until_it_answers()
    {
        var workspace = await app.NewWorkspaceAsync();
        await using var receiver = await WebhookReceiver.StartAsync(500, 503);
        var subscription = await SubscribeAsync(workspace, receiver.Url(), IntegrationEventTypes.ConversationStarted);

        await (await workspace.NewVisitorAsync()).SendAsync("Hi");
        await LoggedAsync(workspace, subscription, log => log.Any(d => d.Succeeded));

        receiver.Received.Select(r => r.Id).Distinct().ShouldHaveSingleItem();
        receiver.Received.Count.ShouldBe(3);
        var log = (await DeliveriesAsync(workspace, subscription)).OrderBy(d => d.Attempt).ToList();
        log.Select(d => (d.Attempt, d.StatusCode, d.Succeeded)).ShouldBe([(1, 500, false), (2, 503, false), (3, 200, true)]);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_dead_lettered_and_a_redirect_is_never_followed()
    {
        var workspace = await app.NewWorkspaceAsync();
        await using var failing = await WebhookReceiver.StartAsync(500, 500, 500);
        await using var redirecting = await WebhookReceiver.StartAsync(302, 302, 302);
        var dead = await SubscribeAsync(workspace, failing.Url(), IntegrationEventTypes.ThreadQueued);
        var moved = await SubscribeAsync(workspace, redirecting.Url(), IntegrationEventTypes.ThreadQueued);

        await (await workspace.NewVisitorAsync()).SendAsync("Hi");
        await LoggedAsync(workspace, dead, log => log.Any(d => d.DeadLettered));
        await LoggedAsync(workspace, moved, log => log.Any(d => d.DeadLettered));

        var log = (await DeliveriesAsync(workspace, dead)).OrderBy(d => d.Attempt).ToList();
        log.Count.ShouldBe(3);
        log.ShouldAllBe(d => !d.Succeeded);
        log[^1].DeadLettered.ShouldBeTrue();
        log.Take(2).ShouldAllBe(d => !d.DeadLettered);
        var redirects = await DeliveriesAsync(workspace, moved);
        redirects.ShouldAllBe(d => d.StatusCode == 302 && d.Error!.Contains("Redirect"));
        redirecting.Received.ShouldNotContain(r => r.Path == "/redirected");
    }

    [Fact]
    public async Task A_receiver_that_hangs_does_not_hold_up_the_deliveries_to_another()
    {
        var workspace = await app.NewWorkspaceAsync();
        await using var hanging = await WebhookReceiver.StartHangingAsync();
        await using var healthy = await WebhookReceiver.StartAsync();
        var stuck = await SubscribeAsync(workspace, hanging.Url(), IntegrationEventTypes.MessagePosted);
        var served = await SubscribeAsync(workspace, healthy.Url(), IntegrationEventTypes.MessagePosted);
        var visitor = await workspace.NewVisitorAsync();
        const int messages = 40;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < messages; i++) await visitor.SendAsync($"Message {i}");
        await LoggedAsync(workspace, served, log => log.Count(d => d.Succeeded) == messages);

        // Far more deliveries to the hanging receiver than the queue has lanes, yet the healthy one had all of them
        // well before the first hanging request could even time out.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(ChatApp.WebhookTimeoutSeconds));
        healthy.Received.Select(r => r.Id).Distinct().Count().ShouldBe(messages);
        hanging.Received.Count.ShouldBeLessThanOrEqualTo(ChatApp.WebhookLanesPerReceiver);
        var held = await DeliveriesAsync(workspace, stuck);
        held.ShouldContain(d => !d.Succeeded && d.Error!.StartsWith("Not attempted"));
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://0177.0.0.1/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:10.0.0.5]/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://metadata.google.internal/computeMetadata")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://user:pass@example.com/hook")]
    [InlineData("not a url")]
    public async Task Targets_inside_the_network_and_other_schemes_are_refused(string url)
    {
        var workspace = await app.NewWorkspaceAsync();

        var problem = await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url, eventTypes = new[] { "*" } }, workspace.Admin.Token, 400);

        problem.Detail.ShouldNotBeNullOrWhiteSpace();
        (await app.Api().GetAsync<List<WebhookSubscription>>("/api/webhooks", workspace.Admin.Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_admins_manage_webhooks_and_bad_subscriptions_are_refused()
    {
        var workspace = await app.NewWorkspaceAsync();
        var url = $"http://{ChatApp.WebhookHost}:9/hook";

        await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url, eventTypes = new[] { "*" } }, workspace.Supervisor.Token, 403);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url, eventTypes = new[] { "nothing.happened" } }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url }, workspace.Admin.Token, 400);
        await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url, eventTypes = new[] { "*" }, secret = "short" }, workspace.Admin.Token, 400);
        var created = await SubscribeAsync(workspace, url);
        created.Secret.ShouldStartWith(WebhookSignature.SecretPrefix);
        // The secret is answered once, at creation: the list shows the webhook without it.
        var listed = await app.Api().SendAsync(HttpMethod.Get, "/api/webhooks", null, workspace.Admin.Token, 200);
        listed.ShouldContain(created.Id.ToString());
        listed.ShouldNotContain(created.Secret);
        listed.ShouldNotContain("secret", Case.Insensitive);
        await app.Api().SendAsync(HttpMethod.Delete, $"/api/webhooks/{created.Id}", null, workspace.Admin.Token, 204);
        await app.Api().RefusedAsync(HttpMethod.Get, $"/api/webhooks/{created.Id}/deliveries", null, (await app.NewWorkspaceAsync()).Admin.Token, 404);
    }
}
