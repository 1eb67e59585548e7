using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Benchmark;

/// <summary>Messages [FromLength, FromLength + Messages) of the growing conversation, and what they cost.</summary>
public sealed record GrowthWindow(int FromLength, int Messages, IReadOnlyList<double> Latencies, Costs Costs)
{
    public CostPerMessage CostPerMessage => Costs.PerMessage(Messages);
}

public sealed record GrowthResult(string Mode, int Length, double Seconds, IReadOnlyList<GrowthWindow> Windows, int Errors, int Lost, int Duplicated);

/// <summary>
/// One conversation driven to <see cref="BenchmarkOptions.Messages"/> messages, the visitor and the agent
/// taking turns through the same path as the load, each message sent once the last has reached the other
/// side. Three windows are measured, at the start, at a tenth and at the end of the conversation (lengths
/// 10, 1,000 and 9,800 of 10,000), so that a cost growing with the thread shows as a difference between them.
/// </summary>
public sealed class GrowthRun(BenchmarkOptions options, ChatHttp http, ServerProcess? server, PgProbe pg)
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(10);
    private readonly Participants participants = new(options, http);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> arrivals = new();
    private Ledger ledger = new();

    public async Task<GrowthResult> RunAsync(string adminToken, string widgetKey)
    {
        var agent = await participants.AgentAsync(adminToken, "bench-growth-agent@bench.local", 1, a =>
        {
            a.Hub.On<JsonElement>("inbox", item => Participants.OnInboxAsync(a, item));
            a.Hub.On<JsonElement>("event", e => Arrived(Participants.PostedBy(e, "Visitor")));
        });
        // A freshly started service (and this client) compile their code paths on first use: a conversation of
        // its own takes that, so that the window at length 10 measures a short thread, not a cold start.
        if (options.WarmupSeconds > 0)
        {
            Console.WriteLine($"Warm-up: a conversation of its own for {options.WarmupSeconds} s, not measured...");
            var warmup = await OpenAsync(widgetKey, agent, "Bench growth warm-up");
            var warming = Stopwatch.StartNew();
            for (var n = 2; warming.Elapsed.TotalSeconds < options.WarmupSeconds; n++) await SendAndAwaitAsync(agent, warmup, n);
            await CloseAsync(agent, warmup);
        }
        var visitor = await OpenAsync(widgetKey, agent, "Bench growth visitor");

        var length = options.Messages;
        var size = Math.Min(options.Window, length / 10 - 10);
        int[] starts = [10, length / 10, length - size + 1];
        ledger = new Ledger();
        var ledgers = new List<Ledger> { ledger };
        var windows = new List<GrowthWindow>();
        var clock = Stopwatch.StartNew();
        for (var n = 2; n <= length;)
        {
            if (!starts.Contains(n))
            {
                await SendAndAwaitAsync(agent, visitor, n);
                if (n % 1000 == 0) Console.WriteLine($"  length {n:N0} after {clock.Elapsed.TotalSeconds:F0} s");
                n++;
                continue;
            }
            ledgers.Add(ledger = new Ledger());
            var costs = await CostWindow.StartAsync(server, pg);
            for (var end = n + size; n < end; n++) await SendAndAwaitAsync(agent, visitor, n);
            windows.Add(new GrowthWindow(n - size, size, ledger.Latencies, await costs.StopAsync(waitForCounters: false)));
            ledgers.Add(ledger = new Ledger());
        }
        var seconds = clock.Elapsed.TotalSeconds;

        await CloseAsync(agent, visitor);
        await agent.Hub.InvokeAsync("SetStatus", "Offline");
        await agent.Hub.DisposeAsync();
        return new GrowthResult(options.Mode, length, seconds, windows, ledgers.Sum(l => l.Errors), ledgers.Sum(l => l.Lost), ledgers.Sum(l => l.Duplicated));
    }

    /// <summary>Message number <paramref name="n"/>: the agent sends the odd ones, the visitor the even ones.</summary>
    private async Task SendAndAwaitAsync(Agent agent, Visitor visitor, int n)
    {
        var id = $"growth-{n}-{Guid.NewGuid():N}";
        var arrived = arrivals.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ledger.Sending(id, Stopwatch.GetTimestamp());
        try
        {
            if (n % 2 == 1) await participants.AgentSendAsync(agent, visitor.ConversationId, id);
            else await participants.VisitorSendAsync(visitor, id);
            ledger.Acknowledged(id);
            await arrived.Task.WaitAsync(ArrivalTimeout);
        }
        catch (TimeoutException)
        {
            // Counted by the ledger as lost: acknowledged, never arrived.
        }
        catch (Exception e) when (e is HttpRequestException or HubException or InvalidOperationException)
        {
            ledger.Failed();
        }
        arrivals.TryRemove(id, out _);
    }

    private void Arrived(string? id)
    {
        if (id is null) return;
        ledger.Arrived(id);
        if (arrivals.TryGetValue(id, out var arrived)) arrived.TrySetResult();
    }

    /// <summary>A visitor's conversation with its first message, once it is open on the agent's screen.</summary>
    private async Task<Visitor> OpenAsync(string widgetKey, Agent agent, string name)
    {
        var session = await http.PostAsync("/api/widget/sessions", new { widgetKey, name });
        var token = session.GetProperty("visitorToken").GetString()!;
        var visitor = new Visitor(token, session.GetProperty("conversationId").GetGuid(), http.Hub("visitor", token), Stopwatch.GetTimestamp());
        visitor.Hub.On<JsonElement>("event", e => Arrived(Participants.PostedBy(e, "Agent")));
        await visitor.Hub.StartAsync();
        await participants.VisitorSendAsync(visitor, $"{name}-1");
        await WaitUntilWatchedAsync(agent, visitor.ConversationId);
        return visitor;
    }

    private async Task CloseAsync(Agent agent, Visitor visitor)
    {
        await http.PostAsync($"/api/conversations/{visitor.ConversationId}/close", new { reason = "benchmark done" }, agent.Token);
        await visitor.Hub.DisposeAsync();
    }

    private static async Task WaitUntilWatchedAsync(Agent agent, Guid conversationId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!agent.Conversations.ContainsKey(conversationId))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException("The growth conversation was not assigned to the benchmark's agent within a minute: is another agent online?");
            await Task.Delay(50);
        }
    }
}
