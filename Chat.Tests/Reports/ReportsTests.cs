using Chat.Api.Reports;
using Chat.Projections.Reports;
using Chat.Tests.Support;
using JasperFx.Events.Daemon;
using Chat.Api.Integration;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Reports;

/// <summary>
/// The supervisor's figures, checked against a scenario whose every time is known (<see cref="ReportScenario"/>):
/// exact counts, medians and 90th percentiles, satisfaction, days and hours in the workspace's time zone, the threads
/// behind each figure, the CSV, a rebuild, and many writers at once.
/// </summary>
public sealed class ReportsTests(ReportScenario scenario) : IClassFixture<ReportScenario>
{
    private ChatApp App => scenario.App;
    private TestWorkspace Workspace => scenario.Workspace;

    [Fact]
    public async Task The_total_counts_every_thread_with_exact_medians_percentiles_and_satisfaction()
    {
        var total = (await scenario.FiguresAsync(s => s.Total.Missed == 1)).Total;

        total.ShouldBe(new ReportRow("total", "Total", Started: 3, Answered: 2, Missed: 1, Closed: 2, Transfers: 0,
            FirstResponse: new Spread(60, 84), Resolution: new Spread(450, 570), Waiting: new Spread(0, 0),
            Csat: total.Csat), "30 s and 90 s: median 60, p90 30 + 0.9 * 60; 600 s and 300 s: median 450, p90 300 + 0.9 * 300");
        total.Csat.Average.ShouldBe(4.0);
        total.Csat.Count.ShouldBe(2);
        total.Csat.Distribution.ShouldBe(new Dictionary<string, int> { ["1"] = 0, ["2"] = 0, ["3"] = 1, ["4"] = 0, ["5"] = 1 });
    }

    [Fact]
    public async Task Days_are_the_workspace_s_days_so_a_thread_at_midnight_in_Berlin_counts_on_the_next_day()
    {
        var summary = await scenario.FiguresAsync(s => s.Total.Missed == 1, $"from={ReportScenario.Day0}&to={ReportScenario.Day2}&groupBy=day");

        summary.TimeZone.ShouldBe(ReportScenario.TimeZone);
        summary.Rows.Select(r => (r.Key, r.Started, r.Answered, r.Missed)).ShouldBe([
            (ReportScenario.Day0, 0, 0, 0), (ReportScenario.Day1, 1, 1, 0), (ReportScenario.Day2, 2, 1, 1)]);
        summary.Rows[1].FirstResponse.ShouldBe(new Spread(30, 30));
        summary.Rows[2].Resolution.ShouldBe(new Spread(300, 300));
        summary.Rows[2].Csat.Average.ShouldBe(3.0);
    }

    [Fact]
    public async Task Hours_cover_the_whole_day_quiet_ones_included()
    {
        var summary = await scenario.FiguresAsync(s => s.Total.Missed == 1, $"from={ReportScenario.Day2}&to={ReportScenario.Day2}&groupBy=hour");

        summary.Rows.Count.ShouldBe(24);
        summary.Rows[0].Key.ShouldBe($"{ReportScenario.Day2}T00:00");
        summary.Rows[0].Started.ShouldBe(2);
        summary.Rows.Skip(1).ShouldAllBe(r => r.Started == 0);
    }

    [Fact]
    public async Task By_agent_the_threads_nobody_took_are_their_own_row()
    {
        var summary = await scenario.FiguresAsync(s => s.Total.Missed == 1, $"{ReportScenario.Range}&groupBy=agent");

        var agent = summary.Rows.Single(r => r.Key == Workspace.Agent.Id.ToString());
        agent.Label.ShouldBe(Workspace.Agent.Account.DisplayName);
        (agent.Started, agent.Answered, agent.Closed).ShouldBe((2, 2, 2));
        var nobody = summary.Rows.Single(r => r.Key == "");
        (nobody.Label, nobody.Started, nobody.Missed).ShouldBe(("Unassigned", 1, 1));
    }

    [Fact]
    public async Task Each_figure_opens_on_the_threads_behind_it()
    {
        await scenario.FiguresAsync(s => s.Total.Missed == 1);

        var missed = await ThreadsAsync($"{ReportScenario.Range}&measure=missed");
        missed.Items.Single().ConversationId.ShouldBe(scenario.C.ConversationId);
        missed.Items.Single().Missed.ShouldBeTrue();

        var firstDay = await ThreadsAsync($"{ReportScenario.Range}&groupBy=day&bucket={ReportScenario.Day1}");
        firstDay.Items.Select(t => (t.ConversationId, t.FirstResponseSeconds, t.ResolutionSeconds, t.Rating))
            .ShouldBe([(scenario.A.ConversationId, 30.0, 600.0, 5)]);

        var rated = await ThreadsAsync($"{ReportScenario.Range}&measure=rated&pageSize=1");
        (rated.Total, rated.Items.Count).ShouldBe((2, 1));
        rated.Items.Single().AgentName.ShouldBe(Workspace.Agent.Account.DisplayName);
    }

    [Fact]
    public async Task Agent_time_is_online_seconds_and_the_chats_held_against_the_limit()
    {
        await scenario.FiguresAsync(s => s.Total.Missed == 1);

        var agents = await Eventually.Async(
            () => App.Api().GetAsync<List<AgentTime>>($"/api/reports/agents?{ReportScenario.Range}", Workspace.Supervisor.Token),
            all => all.Any(a => a.AgentId == Workspace.Agent.Id && a.OnlineSeconds > 0), TimeSpan.FromSeconds(30));

        agents.Single(a => a.AgentId == Workspace.Agent.Id).ShouldBe(new AgentTime(Workspace.Agent.Id, Workspace.Agent.Account.DisplayName,
            OnlineSeconds: 900, Assigned: 2, HeldSeconds: 900, AverageOpen: 1.0, PeakOpen: 1, Limit: 3),
            "online from the first chat until going offline before the third; A then B held one after the other");
        agents.Single(a => a.AgentId == Workspace.OtherAgent.Id).OnlineSeconds.ShouldBe(0);
        agents.ShouldNotContain(a => a.AgentId == Workspace.Auditor.Id);
    }

    [Fact]
    public async Task The_csv_has_a_line_per_row_and_the_total()
    {
        await scenario.FiguresAsync(s => s.Total.Missed == 1);

        var csv = await App.Api().SendAsync(HttpMethod.Get, $"/api/reports/summary.csv?{ReportScenario.Range}", null,
            Workspace.Supervisor.Token, 200);

        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            ReportCsv.Header,
            $"{ReportScenario.Day1},{ReportScenario.Day1},1,1,0,1,0,30,30,600,600,0,0,5,1",
            $"{ReportScenario.Day2},{ReportScenario.Day2},2,1,1,1,0,90,90,300,300,0,0,3,1",
            "total,Total,3,2,1,2,0,60,84,450,570,0,0,4,2",
        ]);
    }

    [Fact]
    public async Task A_rebuild_from_the_events_gives_the_same_figures()
    {
        var before = await scenario.FiguresAsync(s => s.Total.Missed == 1, $"{ReportScenario.Range}&groupBy=agent");

        using (var daemon = await App.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<ThreadFactsProjection>(TimeSpan.FromMinutes(2), CancellationToken.None);

        var after = await scenario.FiguresAsync(_ => true, $"{ReportScenario.Range}&groupBy=agent");
        after.Total.Started.ShouldBe(3);
        System.Text.Json.JsonSerializer.Serialize(after).ShouldBe(System.Text.Json.JsonSerializer.Serialize(before));
    }

    [Fact]
    public async Task Conversations_started_by_many_writers_at_once_are_all_counted()
    {
        var workspace = await App.NewWorkspaceAsync();
        const int visitors = 40;

        await Task.WhenAll(Enumerable.Range(0, visitors).Select(async i =>
        {
            var visitor = await workspace.NewVisitorAsync($"V{i}");
            await visitor.SendAsync("Hello from the crowd");
        }));

        var summary = await Eventually.Async(
            () => App.Api().GetAsync<ReportSummary>($"/api/reports/summary?{ReportScenario.Range}", workspace.Supervisor.Token),
            s => s.Total.Started == visitors, TimeSpan.FromSeconds(30));
        summary.Total.Started.ShouldBe(visitors);
    }

    [Fact]
    public async Task A_reports_projection_that_stopped_is_started_again_and_catches_up()
    {
        var leader = App.Host.Services.GetRequiredService<SubscriptionLeader>();
        var daemon = await Eventually.Async(() => Task.FromResult(leader.Daemon), d => d is not null, TimeSpan.FromSeconds(30));
        // What a rebuild run beside the service does to the service's own shard: its stored progress moves, and the
        // daemon stops the shard rather than write over it.
        await daemon!.StopAgentAsync("ThreadFacts:All", new InvalidOperationException("progress moved by another process"));

        var workspace = await App.NewWorkspaceAsync();
        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Still counted?");

        var summary = await Eventually.Async(
            () => App.Api().GetAsync<ReportSummary>($"/api/reports/summary?{ReportScenario.Range}", workspace.Supervisor.Token),
            s => s.Total.Started == 1, TimeSpan.FromSeconds(30));
        summary.Total.Started.ShouldBe(1);
    }

    [Theory]
    [InlineData("from=2026-03-11&to=2026-03-10", 400)]
    [InlineData("from=2026-3-10&to=2026-03-11", 400)]
    [InlineData("from=2026-03-10", 400)]
    [InlineData("from=2025-01-01&to=2026-03-11", 400)]
    [InlineData("from=2026-01-01&to=2026-03-11&groupBy=hour", 400)]
    [InlineData("from=2026-03-10&to=2026-03-11&groupBy=week", 400)]
    [InlineData("from=2026-03-10&to=2026-03-11&group=no-such-group", 404)]
    [InlineData("from=2026-03-10&to=2026-03-11&agentId=6b1c2f60-0000-4000-8000-000000000000", 404)]
    public async Task Bad_ranges_and_unknown_filters_are_refused(string query, int status)
    {
        await App.Api().RefusedAsync(HttpMethod.Get, $"/api/reports/summary?{query}", null, Workspace.Supervisor.Token, status);
        await App.Api().RefusedAsync(HttpMethod.Get, $"/api/reports/threads?{query}", null, Workspace.Supervisor.Token, status);
    }

    [Fact]
    public async Task Agents_and_auditors_may_not_read_the_reports_and_only_admins_set_the_time_zone()
    {
        await App.Api().RefusedAsync(HttpMethod.Get, $"/api/reports/summary?{ReportScenario.Range}", null, Workspace.Agent.Token, 403);
        await App.Api().RefusedAsync(HttpMethod.Get, $"/api/reports/summary?{ReportScenario.Range}", null, Workspace.Auditor.Token, 403);
        await App.Api().GetAsync<ReportSummary>($"/api/reports/summary?{ReportScenario.Range}", Workspace.Admin.Token);
        await App.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { timeZone = "Mars/Olympus" }, Workspace.Admin.Token, 400);
        await App.Api().RefusedAsync(HttpMethod.Patch, "/api/workspace", new { timeZone = "UTC" }, Workspace.Supervisor.Token, 403);
    }

    private Task<ReportThreads> ThreadsAsync(string query) =>
        App.Api().GetAsync<ReportThreads>($"/api/reports/threads?{query}", Workspace.Supervisor.Token);
}
