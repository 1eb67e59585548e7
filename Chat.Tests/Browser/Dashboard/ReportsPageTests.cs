using System.Text.Json;
using System.Text.RegularExpressions;
using Chat.Api.Identity;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>The reports page: a day whose figures are known, shown as totals, a table, a drill-down and a CSV.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsPageTests(BrowserFixture browser)
{
    /// <summary>
    /// Today in a fresh workspace (time zone UTC): three visitors write and the online agent is assigned each; the agent
    /// answers and closes two of them, whose visitors rate 5 and 3, and never answers the third. None is missed: a miss is
    /// the router giving up on a queued thread after Chat:Routing:MaxWaitSeconds (15 minutes here).
    /// </summary>
    private sealed record KnownDay(BrowserWorkspace Workspace, TestAgent Supervisor, string Today, Guid[] Answered, Guid Unanswered);

    private async Task<KnownDay> KnownDayAsync()
    {
        var workspace = await browser.NewWorkspaceAsync();
        var supervisor = await WorkspaceSeed.AddAgentAsync(browser.Store, LiveCluster.Tokens, workspace.Workspace, "sue", Roles.Supervisor);
        var agent = workspace.Agent.Token;
        var answered = new List<Guid>();
        foreach (var score in new[] { 5, 3 })
        {
            var visitor = await browser.Chat.NewVisitorAsync(workspace.Workspace);
            await browser.Chat.PostAsync("/api/visitor/messages", visitor.VisitorToken, new { text = "Where is my parcel?", clientMessageId = "v1" });
            var conversation = $"/api/conversations/{visitor.ConversationId}";
            await browser.Chat.PostAsync($"{conversation}/messages", agent, new { text = "It ships today.", clientMessageId = "a1" });
            await browser.Chat.PostAsync($"{conversation}/close", agent, new { reason = "Answered" });
            await browser.Chat.PostAsync("/api/visitor/rating", visitor.VisitorToken, new { score });
            answered.Add(visitor.ConversationId);
        }
        var unanswered = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await browser.Chat.PostAsync("/api/visitor/messages", unanswered.VisitorToken, new { text = "Hello? Anyone?", clientMessageId = "v1" });

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        // The reports are read models the projection daemon builds after the events: wait until they hold the whole day.
        await Eventually.Async(async () =>
        {
            var total = (await browser.Chat.SendAsync(HttpMethod.Get, $"/api/reports/summary?from={today}&to={today}&groupBy=day", supervisor.Token))
                .GetProperty("total");
            return total.GetProperty("started").GetInt32() == 3 && total.GetProperty("answered").GetInt32() == 2
                   && total.GetProperty("closed").GetInt32() == 2
                   && total.GetProperty("csat").GetProperty("count").GetInt32() == 2;
        }, "the day's figures in the reports", seconds: 60);
        await Eventually.Async(async () =>
            (await browser.Chat.SendAsync(HttpMethod.Get, $"/api/reports/agents?from={today}&to={today}", supervisor.Token)).EnumerateArray()
            .Any(a => a.GetProperty("agentId").GetGuid() == workspace.Agent.Id && a.GetProperty("assigned").GetInt32() == 3
                      && a.GetProperty("onlineSeconds").GetDouble() > 0), "the agent's time in the reports", seconds: 60);
        return new KnownDay(workspace, supervisor, today, [.. answered], unanswered.ConversationId);
    }

    private static ILocator Tile(IPage page, string name) =>
        page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true }).Locator(".tile-value");

    [Fact]
    public async Task A_supervisor_sees_the_days_known_figures_opens_the_threads_behind_one_and_downloads_them_as_csv()
    {
        var day = await KnownDayAsync();
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 1100 },
            Locale = "en-US",
        });
        var dashboard = await DashboardPage.SignInAsync(browser, context, day.Supervisor);
        var page = dashboard.Page;
        await dashboard.OpenViewAsync("Reports");
        await dashboard.ClickAsync("Today");

        await Expect(page.GetByLabel("From")).ToHaveValueAsync(day.Today);
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(day.Today);
        await Expect(Tile(page, "Started")).ToHaveTextAsync("3");
        await Expect(Tile(page, "Answered")).ToHaveTextAsync("2");
        await Expect(Tile(page, "Missed")).ToHaveTextAsync("0");
        await Expect(Tile(page, "Closed")).ToHaveTextAsync("2");
        await Expect(Tile(page, "CSAT")).ToHaveTextAsync("4.0");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "CSAT" })).ToContainTextAsync("average of 2 ratings");
        await Expect(Tile(page, "First response")).Not.ToHaveTextAsync("—");
        var todayRow = page.Locator($"table.figures tbody tr[data-key='{day.Today}']");
        await Expect(todayRow.Locator("[data-figure='Started']")).ToHaveTextAsync("3");
        await Expect(todayRow.Locator("[data-figure='CSAT average']")).ToHaveTextAsync("4.0");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Conversations started, answered and missed" })).ToBeVisibleAsync();
        // The agent took all three, one after another (the first two closed before the next came), and was online all along.
        var agentTime = page.GetByRole(AriaRole.Region, new() { Name = "Agents' time" }).Locator($"tr[data-agent='{day.Workspace.Agent.Id}']");
        await Expect(agentTime.Locator("[data-figure='Chats taken']")).ToHaveTextAsync("3");
        await Expect(agentTime.Locator("[data-figure='Peak at once']")).ToHaveTextAsync("1");
        await Expect(agentTime.Locator("[data-figure='Online']")).Not.ToHaveTextAsync("0 s");
        await Screenshots.SaveAsync(page, "dashboard-reports", fullPage: true);

        await todayRow.GetByRole(AriaRole.Button, new() { Name = $"Answered, {day.Today}: 2" }).ClickAsync();
        var threads = page.GetByRole(AriaRole.Region, new() { Name = "Threads behind the figure" }).Locator(".drill-thread");
        await Expect(threads).ToHaveCountAsync(2);
        (await threads.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.conversation)"))
            .Select(Guid.Parse).Order().ShouldBe(day.Answered.Order());
        await Expect(threads.Locator("td:last-child")).ToHaveTextAsync(new Regex[] { new("^[35]$"), new("^[35]$") });
        await Screenshots.SaveAsync(page, "dashboard-reports-drill-down", fullPage: true);

        var csv = await page.RunAndWaitForDownloadAsync(() => dashboard.ClickAsync("Download CSV"));
        csv.SuggestedFilename.ShouldBe($"chat-report-{day.Today}-{day.Today}-day.csv");
        var lines = (await File.ReadAllLinesAsync((await csv.PathAsync())!)).Where(l => l.Length > 0).ToArray();
        lines[0].ShouldStartWith("key,label,started,answered,missed,closed,");
        lines.Length.ShouldBe(3);
        lines[1].ShouldStartWith($"{day.Today},{day.Today},3,2,0,2,");
        lines[^1].ShouldStartWith("total,Total,3,2,0,2,");
        lines[^1].Split(',')[^2..].ShouldBe(["4", "2"]);

        // Per agent: the one agent holds all three threads; the drill-down asks for that agent's bucket.
        await page.GetByLabel("Group by").SelectOptionAsync("Agent");
        await Expect(page).ToHaveURLAsync(new Regex("groupBy=agent"));
        var agentRow = page.Locator($"table.figures tbody tr[data-key='{day.Workspace.Agent.Id}']");
        await Expect(page.Locator("table.figures tbody tr")).ToHaveCountAsync(1);
        await Expect(agentRow.Locator("[data-figure='Started']")).ToHaveTextAsync("3");
        await Expect(agentRow.Locator("[data-figure='Ratings']")).ToHaveTextAsync("2");
        await agentRow.Locator("[data-figure='Answered']").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(threads).ToHaveCountAsync(2);

        await page.Locator("table.figures tfoot").GetByRole(AriaRole.Button, new() { Name = "Started, all: 3" }).ClickAsync();
        await Expect(threads).ToHaveCountAsync(3);
        var unanswered = threads.And(page.Locator($"[data-conversation='{day.Unanswered}']"));
        await Expect(unanswered.Locator("td").Nth(4)).ToHaveTextAsync("—");
        await unanswered.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/app/inbox/all/{day.Unanswered}$"));
        await Expect(dashboard.Lines.First).ToContainTextAsync("Hello? Anyone?");
    }

    [Fact]
    public async Task A_reversed_range_is_refused_in_plain_words_beside_the_picker()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Admin, "/app/reports");
        var page = dashboard.Page;
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Totals" })).ToBeVisibleAsync();

        await page.GetByLabel("From").FillAsync("2026-12-09");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-12-01");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Invalid request: to is before from.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Totals" })).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("from=2026-12-09&to=2026-12-01"));
    }

    [Fact]
    public async Task An_agent_is_offered_no_reports_and_is_sent_to_the_inbox()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, workspace.Agent);

        await Expect(dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true })).ToHaveCountAsync(0);
        await dashboard.Page.GotoAsync(dashboard.Url("/app/reports"));

        await Expect(dashboard.Page).ToHaveURLAsync(new Regex("/app/inbox/mine$"));
        (await browser.Chat.RawGetAsync("/api/reports/summary?from=2026-12-01&to=2026-12-01&groupBy=day", workspace.Agent.Token)).ShouldBe(403);
    }
}
