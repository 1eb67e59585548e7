using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Tests.Support;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Chat.Tests.RealTime;

/// <summary>
/// Two Chat.Api nodes sharing one PostgreSQL database and one RabbitMQ broker, started once for the
/// real-time tests. Each test makes its own workspace in that database.
/// </summary>
public class LiveCluster : IAsyncLifetime
{
    /// <summary>The cluster's database is the test database's name with this suffix.</summary>
    protected virtual string DatabaseSuffix => "_realtime";

    public const int OfflineGraceSeconds = 1;

    /// <summary>
    /// Short leases, so that a killed node counts as stopped within seconds; not shorter, because a renewal (every second)
    /// made late by a loaded machine would let a living node's lease lapse and take its agents out of routing.
    /// </summary>
    public const int LeaseSeconds = 8;

    public static string RabbitMqUri { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq") ?? "amqp://guest:guest@127.0.0.1:5672";

    public ApiNode NodeA { get; private set; } = null!;
    public ApiNode NodeB { get; private set; } = null!;
    private DocumentStore store = null!;
    private string connectionString = null!;

    /// <summary>The cluster's own database, for tests that look at what was stored.</summary>
    public string ConnectionString => connectionString;
    private Dictionary<string, string> environment = null!;

    public async Task InitializeAsync()
    {
        // Beside the test database, so that runs against different databases do not share a cluster's data.
        var database = $"{new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString).Database}{DatabaseSuffix}";
        connectionString = await TestDatabase.OtherAsync(database, maxPoolSize: 40);

        environment = new Dictionary<string, string>(NodeEnvironment(connectionString))
        {
            ["ConnectionStrings__RabbitMq"] = RabbitMqUri,
            ["Chat__RabbitMq__Enabled"] = "true",
        };
        // The first node creates the schema; the second then finds it in place.
        NodeA = await ApiNode.StartAsync(environment);
        NodeB = await ApiNode.StartAsync(environment);
        store = DocumentStore.For(options => options.ConfigureChatStore(connectionString));
    }

    /// <summary>The settings every test node runs with: the shared tests' limits and short presence times.</summary>
    public static IReadOnlyDictionary<string, string> NodeEnvironment(string connectionString) => new Dictionary<string, string>(ChatApp.Unlimited)
    {
        ["ConnectionStrings__Postgres"] = connectionString,
        ["Chat__RabbitMq__Enabled"] = "false",
        ["Chat__Auth__SigningKey"] = ChatApp.SigningKey,
        ["Chat__Demo__Enabled"] = "false",
        ["Chat__Presence__OfflineGraceSeconds"] = OfflineGraceSeconds.ToString(),
        ["Chat__Presence__LeaseSeconds"] = LeaseSeconds.ToString(),
        ["Chat__Presence__RenewSeconds"] = "1",
        ["Chat__Messages__MaxLength"] = ChatApp.MaxMessageLength.ToString(),
        ["Chat__Messages__MaxRequestBytes"] = ChatApp.MaxRequestBytes.ToString(),
    };

    /// <summary>One more node of the cluster, for a test that stops it.</summary>
    public Task<ApiNode> StartNodeAsync() => ApiNode.StartAsync(environment);

    public static TokenIssuer Tokens { get; } =
        new(Options.Create(new ChatOptions { Auth = { SigningKey = ChatApp.SigningKey } }), TimeProvider.System);

    public async Task DisposeAsync()
    {
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        store.Dispose();
    }

    /// <summary>Every event stored in a workspace, in stored order.</summary>
    public async Task<IReadOnlyList<IEvent>> StoredEventsAsync(string workspaceId)
    {
        await using var session = store.QuerySession(workspaceId);
        return await session.Events.QueryAllRawEvents().Where(e => e.TenantId == workspaceId).OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>How many messages of the types named like this the nodes dead-lettered.</summary>
    public async Task<long> DeadLettersAsync(string messageTypePattern)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from chat.wolverine_dead_letters where message_type like $1", connection)
        {
            Parameters = { new() { Value = messageTypePattern } },
        };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>One more member of staff of a workspace, with a signed token.</summary>
    public Task<TestAgent> AddStaffAsync(LiveWorkspace workspace, string key, string role) =>
        WorkspaceSeed.AddAgentAsync(store, Tokens, workspace.Workspace, key, role);

    /// <summary>A new workspace with an agent, a second agent and an auditor, with signed tokens.</summary>
    public async Task<LiveWorkspace> NewWorkspaceAsync()
    {
        var (workspace, staff) = await WorkspaceSeed.CreateAsync(store, Tokens, "rt",
            ("agent", Roles.Agent), ("agent2", Roles.Agent), ("auditor", Roles.Auditor));
        return new LiveWorkspace(workspace, staff["agent"], staff["agent2"], staff["auditor"]);
    }
}

public sealed record LiveWorkspace(Workspace Workspace, TestAgent Agent, TestAgent OtherAgent, TestAgent Auditor);

[CollectionDefinition(Name)]
public sealed class LiveClusterCollection : ICollectionFixture<LiveCluster>
{
    public const string Name = "Live cluster";
}
