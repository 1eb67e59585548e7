using System.Globalization;
using System.Text.RegularExpressions;
using Alba;
using Chat.Tests.Assignment;
using Chat.Tests.Support;

namespace Chat.Tests.Operations;

/// <summary>
/// The figures an operator scrapes: Chat's own counters beside what ASP.NET Core and Npgsql measure. Other tests run on
/// the same host meanwhile, so each specification looks at how much a counter grew, never at its absolute value.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed partial class MetricsTests(ChatApp app)
{
    [Fact]
    public async Task Each_posted_message_is_counted_by_its_author_kind()
    {
        var workspace = await app.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        var before = await ScrapeAsync();

        await visitor.SendAsync("one");
        await visitor.SendAsync("two");

        var after = await Eventually.Async(ScrapeAsync, s => Value(s, "chat_messages_posted_total", "author=\"visitor\"") >= Value(before, "chat_messages_posted_total", "author=\"visitor\"") + 2,
            TimeSpan.FromSeconds(10));
        Value(after, "chat_messages_posted_total", "author=\"visitor\"")
            .ShouldBeGreaterThanOrEqualTo(Value(before, "chat_messages_posted_total", "author=\"visitor\"") + 2);
    }

    [Fact]
    public async Task Routing_decisions_are_counted_by_outcome()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent);
        var before = await ScrapeAsync();

        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello?");
        await Eventually.Async(async () => (await app.RoutedAsync(workspace, visitor)).AssigneeId == workspace.Agent.Id, "the visitor assigned");

        var after = await Eventually.Async(ScrapeAsync,
            s => Value(s, "chat_routing_decisions_total", "outcome=\"assigned\"") > Value(before, "chat_routing_decisions_total", "outcome=\"assigned\""),
            TimeSpan.FromSeconds(20));
        Value(after, "chat_routing_decisions_total", "outcome=\"assigned\"")
            .ShouldBeGreaterThan(Value(before, "chat_routing_decisions_total", "outcome=\"assigned\""),
                string.Join('\n', after.Split('\n').Where(l => l.StartsWith("chat_") || l.Contains("marten"))));
    }

    [Fact]
    public async Task The_scrape_carries_the_frameworks_own_instruments_and_the_live_connections()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.ConnectAgentAsync(workspace.Agent);

        var scrape = await ScrapeAsync();

        scrape.ShouldContain("http_server_request_duration_seconds");
        scrape.ShouldContain("db_client_");
        Value(scrape, "chat_hub_connections", "hub=\"agent\"").ShouldBeGreaterThanOrEqualTo(1);
        scrape.ShouldContain("chat_queue_length");
    }

    private async Task<string> ScrapeAsync()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBeOk();
        });
        return await result.ReadAsTextAsync();
    }

    /// <summary>The sum of a metric's samples whose labels include the given one; 0 when it has none yet.</summary>
    private static double Value(string scrape, string metric, string label) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => line.Contains(label, StringComparison.Ordinal))
            .Select(line => Sample().Match(line))
            .Where(m => m.Success)
            .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\}?\s([0-9.eE+-]+)(\s\d+)?$")]
    private static partial Regex Sample();
}
