using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Benchmark;

public sealed record Agent(Guid Id, string Token, HubConnection Hub, ConcurrentDictionary<Guid, byte> Conversations);

public sealed record Visitor(string Token, Guid ConversationId, HubConnection Hub, long StartedAt);

/// <summary>How the benchmark's agents and visitors join and send, the same way in every run.</summary>
public sealed class Participants(BenchmarkOptions options, ChatHttp http)
{
    private const string AgentPassword = "bench-agent-password";

    /// <summary>
    /// An agent account (made on first use, its seat limit set for this run), logged in and connected to
    /// its hub. Its handlers are attached by <paramref name="listen"/> before it goes online.
    /// </summary>
    public async Task<Agent> AgentAsync(string adminToken, string email, int maxConcurrentChats, Action<Agent> listen)
    {
        try
        {
            await http.PostAsync("/api/agents", new { email, displayName = email.Split('@')[0], password = AgentPassword, maxConcurrentChats }, adminToken);
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict) { }
        var token = await http.LoginAsync(email, AgentPassword);
        var id = Guid.Parse(JwtSubject(token));
        // An agent left from an earlier run gets this run's limit.
        await http.SendAsync(HttpMethod.Patch, $"/api/agents/{id}", new { maxConcurrentChats }, adminToken);
        var agent = new Agent(id, token, http.Hub("agent", token), new ConcurrentDictionary<Guid, byte>());
        listen(agent);
        await agent.Hub.StartAsync();
        await agent.Hub.InvokeAsync("SetStatus", "Online");
        return agent;
    }

    /// <summary>Watches a conversation once the inbox says it is assigned to this agent.</summary>
    /// <summary>Inbox rows arrive in batches (the latest row of each changed conversation); each is looked at.</summary>
    public static async Task OnInboxAsync(Agent agent, JsonElement rows)
    {
        foreach (var item in rows.ValueKind == JsonValueKind.Array ? rows.EnumerateArray().ToArray() : [rows]) await OnInboxRowAsync(agent, item);
    }

    private static async Task OnInboxRowAsync(Agent agent, JsonElement item)
    {
        if (item.GetProperty("assigneeId").ValueKind != JsonValueKind.String || item.GetProperty("assigneeId").GetGuid() != agent.Id) return;
        var conversationId = item.GetProperty("id").GetGuid();
        if (agent.Conversations.TryAdd(conversationId, 0)) await agent.Hub.InvokeAsync("Watch", conversationId);
    }

    /// <summary>The client message id of a message posted by the other side, if the pushed event is one.</summary>
    public static string? PostedBy(JsonElement e, string author)
    {
        if (e.GetProperty("type").GetString() != "message_posted") return null;
        var data = e.GetProperty("data");
        return data.GetProperty("authorKind").GetString() == author ? data.GetProperty("clientMessageId").GetString() : null;
    }

    public async Task VisitorSendAsync(Visitor visitor, string id)
    {
        if (options.Mode == "http")
            await http.PostAsync("/api/visitor/messages", new { text = $"visitor says {id}", clientMessageId = id }, visitor.Token);
        else
            await visitor.Hub.InvokeAsync<JsonElement>("Send", $"visitor says {id}", id);
    }

    public async Task AgentSendAsync(Agent agent, Guid conversationId, string id)
    {
        if (options.Mode == "http")
            await http.PostAsync($"/api/conversations/{conversationId}/messages", new { text = $"agent says {id}", clientMessageId = id }, agent.Token);
        else
            await agent.Hub.InvokeAsync<JsonElement>("Reply", conversationId, $"agent says {id}", id);
    }

    private static string JwtSubject(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("sub").GetString()!;
    }
}
