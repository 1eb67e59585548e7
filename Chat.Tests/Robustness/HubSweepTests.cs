using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Api.RealTime;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Robustness;

/// <summary>
/// Hostile arguments for every public method of both hubs, found by reflection, through real SignalR
/// clients: a NUL and an unpaired surrogate in every string parameter, an undefined value for every enum,
/// each a hub error carrying 400 problem details on a connection that stays open; a 1 MB string closes
/// the connection (larger than a hub message may be). Nothing changes in the workspace.
/// </summary>
[Collection(LiveClusterCollection.Name)]
public sealed class HubSweepTests(LiveCluster cluster)
{
    [Fact]
    public async Task Every_hub_method_refuses_hostile_arguments_with_a_problem_and_changes_nothing()
    {
        var workspace = await cluster.NewWorkspaceAsync();
        var node = cluster.NodeA;
        var session = await node.NewVisitorAsync(workspace.Workspace);
        await node.PostAsync("/api/visitor/messages", session.VisitorToken, new { text = "Hello", clientMessageId = "v-1" });
        // The agent answers, and so takes the thread: the router has nothing to assign once the agent connects.
        await node.PostAsync($"/api/conversations/{session.ConversationId}/messages", workspace.Agent.Token, new { text = "Hi", clientMessageId = "a-1" });
        var database = cluster.ConnectionString;
        var hubs = new[]
        {
            (Hub: typeof(AgentHub), Path: "agent", Token: workspace.Agent.Token, Bystander: workspace.Auditor.Token),
            (Hub: typeof(VisitorHub), Path: "visitor", Token: session.VisitorToken, Bystander: session.VisitorToken),
        };
        var clients = new Dictionary<Type, HubConnection>();
        foreach (var hub in hubs) clients[hub.Hub] = await ConnectAsync(node, hub.Path, hub.Token);
        var before = await EventStoreFingerprint.SettledAsync(database, workspace.Workspace.Id);
        before.ShouldNotBeEmpty();

        var swept = 0;
        foreach (var hub in hubs)
        foreach (var method in PublicMethodsOf(hub.Hub))
        {
            var parameters = method.GetParameters();
            for (var i = 0; i < parameters.Length; i++)
            {
                var type = Nullable.GetUnderlyingType(parameters[i].ParameterType) ?? parameters[i].ParameterType;
                object[] hostile = type == typeof(string) ? ["a\0b", "a\uD800b"]
                    : type.IsEnum ? [99, -1, "NoSuchValue"]
                    : type == typeof(Guid) ? ["not-an-id", 42, new { }]
                    : type == typeof(long) ? ["many", 1.5, new { }]
                    : [];
                foreach (var value in hostile)
                {
                    var what = $"{hub.Hub.Name}.{method.Name} with {parameters[i].Name} = {JsonSerializer.Serialize(value)}";
                    var refusal = await Should.ThrowAsync<HubException>(() => clients[hub.Hub].InvokeCoreAsync(method.Name,
                        Arguments(parameters, session.ConversationId, i, value)), what);
                    refusal.Message.ShouldContain("{", customMessage: $"{what}: {refusal.Message}");
                    var problem = JsonSerializer.Deserialize<HubProblemDetails>(refusal.Message[refusal.Message.IndexOf('{')..], JsonSerializerOptions.Web)!;
                    problem.Status.ShouldBe(400, what);
                    problem.Detail.ShouldContain(parameters[i].Name!, customMessage: what);
                    clients[hub.Hub].State.ShouldBe(HubConnectionState.Connected, what);
                    swept++;
                }
                if (type == typeof(string))
                {
                    // Larger than a hub message may be: the server closes that connection rather than read it.
                    await using var bystander = await ConnectAsync(node, hub.Path, hub.Bystander);
                    var closed = new TaskCompletionSource();
                    bystander.Closed += _ =>
                    {
                        closed.TrySetResult();
                        return Task.CompletedTask;
                    };
                    await Should.ThrowAsync<Exception>(() => bystander.InvokeCoreAsync(method.Name,
                        Arguments(parameters, session.ConversationId, i, new string('x', 1024 * 1024))));
                    await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
                    swept++;
                }
            }
        }

        swept.ShouldBeGreaterThanOrEqualTo(15);
        (await EventStoreFingerprint.OfAsync(database, workspace.Workspace.Id)).ShouldBe(before, ignoreOrder: true);
        foreach (var client in clients.Values) await client.DisposeAsync();
    }

    private static IEnumerable<MethodInfo> PublicMethodsOf(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub);

    private static object?[] Arguments(ParameterInfo[] parameters, Guid conversationId, int hostileAt, object hostile) =>
        parameters.Select((p, i) => i == hostileAt ? hostile : Valid(p.ParameterType, conversationId)).ToArray();

    private static object? Valid(Type type, Guid conversationId) =>
        type == typeof(Guid) ? conversationId
        : type == typeof(string) ? "plausible"
        : type == typeof(long) ? 0L
        : type.IsEnum ? Enum.GetValues(type).GetValue(0)
        : null;

    private static async Task<HubConnection> ConnectAsync(ApiNode node, string hub, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{node.BaseUrl}/hubs/{hub}", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.Converters.Add(new VerbatimText());
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Writes text as it is, unpaired surrogates included (System.Text.Json would write U+FFFD in their place).</summary>
    private sealed class VerbatimText : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            var json = new StringBuilder("\"");
            foreach (var c in value)
                json.Append(c is '"' or '\\' || c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c);
            writer.WriteRawValue(json.Append('"').ToString(), skipInputValidation: true);
        }
    }
}
