using Chat.Api.Reports;
using Chat.Tests.Assignment;
using Chat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Reports;

/// <summary>
/// Three conversations on a clock the test moves, in a workspace on Berlin time, so every figure is known:
/// <list type="bullet">
/// <item>A at 23:50 on 10 March (local): answered after 30 s, closed after 600 s, rated 5.</item>
/// <item>B at 00:00 on 11 March: answered after 90 s, closed after 300 s, rated 3.</item>
/// <item>C at 00:05 on 11 March, with no agent online: missed.</item>
/// </list>
/// </summary>
public sealed class ReportScenario : IAsyncLifetime
{
    /// <summary>
    /// 23:50 in Berlin (UTC+1 in December), tomorrow: the service's clock runs ahead of the database's, never behind, as
    /// the router reads queue times that PostgreSQL stamps.
    /// </summary>
    public static readonly DateTimeOffset Start = new(DateTime.UtcNow.Date.AddDays(1).AddHours(22).AddMinutes(50), TimeSpan.Zero);
    public static string Day1 => DateOnly.FromDateTime(Start.UtcDateTime).ToString("yyyy-MM-dd");
    public static string Day2 => DateOnly.FromDateTime(Start.UtcDateTime).AddDays(1).ToString("yyyy-MM-dd");
    public static string Day0 => DateOnly.FromDateTime(Start.UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd");
    public static string Range => $"from={Day1}&to={Day2}";
    public const string TimeZone = "Europe/Berlin";

    public ChatApp App { get; private set; } = null!;
    public ManualClock Clock { get; } = new(Start);
    public TestWorkspace Workspace { get; private set; } = null!;
    public TestVisitor A { get; private set; } = null!;
    public TestVisitor B { get; private set; } = null!;
    public TestVisitor C { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.OtherAsync(TestDatabase.Beside("_reports"));
        App = await ChatApp.StartAsync(connectionString,
            o =>
            {
                o.Auth.AccessTokenMinutes = 24 * 60;
                o.Routing.MaxWaitSeconds = 1;
                // The clock jumps minutes at a time; a node lease shorter than a jump would count this node as cut off.
                o.Presence.LeaseSeconds = 24 * 3600;
            },
            services => services.AddSingleton<TimeProvider>(Clock));
        Workspace = await App.NewWorkspaceAsync();
        await App.Api().SendAsync(HttpMethod.Patch, "/api/workspace", new { timeZone = TimeZone }, Workspace.Admin.Token, 200);
        await App.GoOnlineAsync(Workspace.Agent);

        A = await AnsweredAsync(answerAfter: 30, closeAfter: 600, rating: 5);
        B = await AnsweredAsync(answerAfter: 90, closeAfter: 300, rating: 3);

        await App.GoOfflineAsync(Workspace.Agent);
        C = await Workspace.NewVisitorAsync("C");
        await C.SendAsync("Anyone there?");
        await FiguresAsync(s => s.Total.Missed == 1 && s.Total.Closed == 2 && s.Total.Csat.Count == 2);
    }

    private async Task<TestVisitor> AnsweredAsync(int answerAfter, int closeAfter, int rating)
    {
        var visitor = await Workspace.NewVisitorAsync();
        await visitor.SendAsync("Hello?");
        await Eventually.Async(async () => (await App.RoutedAsync(Workspace, visitor)).AssigneeId == Workspace.Agent.Id, "assigned");
        Clock.Advance(TimeSpan.FromSeconds(answerAfter));
        await App.ReplyAsync(Workspace.Agent, visitor.ConversationId, "Hi, how can I help?");
        Clock.Advance(TimeSpan.FromSeconds(closeAfter - answerAfter));
        await App.Api().PostAsync<object>($"/api/conversations/{visitor.ConversationId}/close", new { reason = "solved" }, Workspace.Agent.Token);
        await App.Api().SendAsync(HttpMethod.Post, "/api/visitor/rating", new { score = rating }, visitor.Token, 200);
        return visitor;
    }

    /// <summary>The summary once the async daemon has caught up with what the condition expects.</summary>
    public async Task<ReportSummary> FiguresAsync(Func<ReportSummary, bool> caughtUp, string? query = null)
    {
        var summary = await Eventually.Async(() => App.Api().GetAsync<ReportSummary>($"/api/reports/summary?{query ?? Range}", Workspace.Supervisor.Token),
            caughtUp, TimeSpan.FromSeconds(30));
        caughtUp(summary).ShouldBeTrue("the reports did not catch up with the scenario");
        return summary;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
