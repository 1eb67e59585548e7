using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Benchmark;

/// <summary>What one phase of the load measured, from its own ledger.</summary>
public sealed record PhaseResult(double Seconds, double OfferedPerSecond, int Sent, int Acked, int Delivered, IReadOnlyList<double> Latencies,
    int Errors, int Lost, int Duplicated, double ServerCpuCores, Costs Costs, IntegrationSeen? Integration = null)
{
    public CostPerMessage CostPerMessage => Costs.PerMessage(Delivered);
    public double DeliveredPerSecond => Delivered / Seconds;
    public double StoredPerSecond => Acked / Seconds;
}

public sealed record LoadResult(int Conversations, int Agents, string Mode, PhaseResult Saturation, PhaseResult Paced,
    IReadOnlyList<double> AssignmentMs, long ServerPeakBytes);

/// <summary>
/// N visitors and M agents on real hub connections. Every visitor opens a conversation, the router assigns
/// it, the agent opens it. Then two phases, each with its own ledger:
/// <list type="bullet">
/// <item>saturation: every visitor and every agent's conversation sends in a closed loop (the next message
/// once the last was acknowledged), which finds the most the service sustains;</item>
/// <item>paced: messages are offered at a fixed rate whatever the answers (an open loop), and latency is
/// taken from the moment each send was due, so that queueing is never hidden.</item>
/// </list>
/// Each phase also measures what its messages cost (<see cref="Costs"/>).
/// </summary>
public sealed class LoadScenario(BenchmarkOptions options, ChatHttp http, ServerProcess? server, PgProbe pg)
{
    private readonly Participants participants = new(options, http);
    private readonly ConcurrentBag<double> assignmentMs = [];
    private Ledger ledger = new();

    public async Task<LoadResult> RunAsync(string adminToken, string widgetKey)
    {
        var (agents, visitors, senders) = await PrepareAsync(adminToken, widgetKey);

        // A freshly started service compiles its code paths on first use: that first load is not measured.
        if (options.WarmupSeconds > 0)
        {
            Console.WriteLine($"Warm-up: {options.WarmupSeconds} s, not measured...");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.WarmupSeconds));
            await Task.WhenAll(senders.Select(send => SendLoopAsync(send, stop.Token)));
            // The warm-up's statistics reach PostgreSQL's counters before the first measured phase reads them.
            await Task.Delay(PgProbe.StatisticsDelay);
        }
        // A downstream consumer of the integration events, bound before the measured phases (none without a broker).
        await using var consumer = options.RabbitMq.Length > 0 ? await IntegrationConsumer.StartAsync(options.RabbitMq) : null;
        var saturation = await MeasureAsync(options.Seconds, 0, stop => Task.WhenAll(senders.Select(send => SendLoopAsync(send, stop))));
        saturation = saturation with { Integration = await IntegrationSeenAsync(consumer) };
        var rate = options.Rate > 0 ? options.Rate : Math.Max(1, Math.Round(saturation.DeliveredPerSecond / 2));
        Console.WriteLine($"Paced: {rate:F0} messages/s offered for {options.PacedSeconds} s...");
        var paced = await MeasureAsync(options.PacedSeconds, rate, stop => PacedAsync(senders, rate, stop));
        paced = paced with { Integration = await IntegrationSeenAsync(consumer) };

        await EndAsync(agents, visitors);
        return new LoadResult(visitors.Count, agents.Count, options.Mode, saturation, paced, [.. assignmentMs.Order()],
            server?.PeakResidentBytes() ?? 0);
    }

    /// <summary>
    /// What the consumer saw of a phase's events. The phase's measure already waited for PostgreSQL's counters
    /// (11 s), so its last events have normally arrived; up to 30 s more are given until none has for 2 s.
    /// </summary>
    private static async Task<IntegrationSeen?> IntegrationSeenAsync(IntegrationConsumer? consumer)
    {
        if (consumer is null) return null;
        await consumer.WaitUntilQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        return consumer.Take();
    }

    /// <summary>
    /// The same conversations and closed loops, kept sending until <paramref name="enough"/> says so: fills a
    /// database with real streams (for the rebuild's measure). Returns the messages sent.
    /// </summary>
    public async Task<int> FillAsync(string adminToken, string widgetKey, Func<Task<bool>> enough)
    {
        var (agents, visitors, senders) = await PrepareAsync(adminToken, widgetKey);
        using var stop = new CancellationTokenSource();
        var loops = Task.WhenAll(senders.Select(send => SendLoopAsync(send, stop.Token)));
        while (!await enough()) await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await loops;
        await EndAsync(agents, visitors);
        return ledger.Sent;
    }

    private async Task<(List<Agent>, List<Visitor>, List<Func<string, Task>>)> PrepareAsync(string adminToken, string widgetKey)
    {
        var agents = await ConnectAgentsAsync(adminToken);
        var visitors = await OpenConversationsAsync(widgetKey);
        await WaitUntilWatchedAsync(agents, visitors.Count);
        return (agents, visitors, SendersOf(visitors, agents));
    }

    private async Task EndAsync(List<Agent> agents, List<Visitor> visitors)
    {
        await CloseAllAsync(agents);
        foreach (var v in visitors) await v.Hub.DisposeAsync();
        foreach (var a in agents) await a.Hub.DisposeAsync();
    }

    private async Task<PhaseResult> MeasureAsync(int seconds, double offered, Func<CancellationToken, Task> run)
    {
        ledger = new Ledger();
        var costs = await CostWindow.StartAsync(server, pg);
        var cpuBefore = server?.CpuSeconds() ?? 0;
        var clock = Stopwatch.StartNew();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds))) await run(stop.Token);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (server?.CpuSeconds() ?? 0) - cpuBefore;
        await DrainAsync();
        // The pushes still on their way when the phase ended belong to its messages, so costs stop after the drain.
        return new PhaseResult(elapsed, offered, ledger.Sent, ledger.Acked, ledger.Delivered, ledger.Latencies, ledger.Errors, ledger.Lost,
            ledger.Duplicated, cpu / elapsed, await costs.StopAsync(waitForCounters: true));
    }

    /// <summary>One sender per side of every conversation, visitors first, so that pacing alternates the sides evenly.</summary>
    private List<Func<string, Task>> SendersOf(List<Visitor> visitors, List<Agent> agents) =>
    [
        .. visitors.Select(v => (Func<string, Task>)(id => participants.VisitorSendAsync(v, id))),
        .. agents.SelectMany(a => a.Conversations.Keys.Select(c => (Func<string, Task>)(id => participants.AgentSendAsync(a, c, id)))),
    ];

    private async Task<List<Agent>> ConnectAgentsAsync(string adminToken)
    {
        var limit = options.Visitors / options.Agents + 2;
        var agents = new List<Agent>();
        for (var i = 0; i < options.Agents; i++)
            agents.Add(await participants.AgentAsync(adminToken, $"bench-agent-{i}@bench.local", limit, agent =>
            {
                agent.Hub.On<JsonElement>("inbox", item => Participants.OnInboxAsync(agent, item));
                agent.Hub.On<JsonElement>("event", e => OnEvent(e, fromAuthor: "Visitor"));
            }));
        return agents;
    }

    private void OnEvent(JsonElement e, string fromAuthor)
    {
        if (Participants.PostedBy(e, fromAuthor) is { } id) ledger.Arrived(id);
    }

    private async Task<List<Visitor>> OpenConversationsAsync(string widgetKey)
    {
        var visitors = new ConcurrentBag<Visitor>();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Visitors), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var session = await http.PostAsync("/api/widget/sessions", new { widgetKey, name = $"Bench visitor {i}" });
            var token = session.GetProperty("visitorToken").GetString()!;
            var hub = http.Hub("visitor", token);
            var visitor = new Visitor(token, session.GetProperty("conversationId").GetGuid(), hub, Stopwatch.GetTimestamp());
            hub.On<JsonElement>("event", e =>
            {
                if (e.GetProperty("type").GetString() == "thread_assigned") assignmentMs.Add(Stopwatch.GetElapsedTime(visitor.StartedAt).TotalMilliseconds);
                OnEvent(e, fromAuthor: "Agent");
            });
            await hub.StartAsync();
            visitors.Add(visitor with { StartedAt = Stopwatch.GetTimestamp() });
            await hub.InvokeAsync<JsonElement>("Send", "Hello, I need help", $"open-{i}");
        });
        return [.. visitors];
    }

    /// <summary>Until every conversation is assigned and open on its agent's screen, or a minute has passed.</summary>
    private async Task WaitUntilWatchedAsync(List<Agent> agents, int conversations)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (agents.Sum(a => a.Conversations.Count) < conversations && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    private async Task SendLoopAsync(Func<string, Task> send, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested) await SendOnceAsync(send, Guid.NewGuid().ToString("N"), Stopwatch.GetTimestamp(), stop);
    }

    /// <summary>Offers messages at a fixed rate, round robin over the senders, without waiting for answers.</summary>
    private async Task PacedAsync(List<Func<string, Task>> senders, double rate, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>();
        long offered = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate);
            for (; offered < due; offered++)
            {
                var dueAt = start + (long)(offered / rate * Stopwatch.Frequency);
                sends.Add(SendOnceAsync(senders[(int)(offered % senders.Count)], Guid.NewGuid().ToString("N"), dueAt, stop));
            }
            await Task.Delay(2, CancellationToken.None);
        }
        await Task.WhenAll(sends);
    }

    private async Task SendOnceAsync(Func<string, Task> send, string id, long dueAt, CancellationToken stop)
    {
        ledger.Sending(id, dueAt);
        try
        {
            await send(id);
            ledger.Acknowledged(id);
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            ledger.Failed();
        }
    }

    /// <summary>Closes this run's conversations and takes the agents offline, so the next run starts with free seats.</summary>
    private async Task CloseAllAsync(List<Agent> agents)
    {
        await Parallel.ForEachAsync(agents.SelectMany(a => a.Conversations.Keys.Select(c => (a, c))), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (pair, _) => await http.PostAsync($"/api/conversations/{pair.c}/close", new { reason = "benchmark done" }, pair.a.Token));
        foreach (var a in agents) await a.Hub.InvokeAsync("SetStatus", "Offline");
    }

    /// <summary>Gives the last pushes up to five seconds to arrive before counting what is lost.</summary>
    private async Task DrainAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ledger.Lost > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
    }
}
