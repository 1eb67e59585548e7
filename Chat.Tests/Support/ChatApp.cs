using System.Collections.Concurrent;
using Alba;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Chat.Api.Agents;
using Chat.Api.Identity;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Chat.Tests.Support;

/// <summary>
/// The service as it runs, on real PostgreSQL, booted once for all tests. Each test makes its own
/// workspace, so tests never see each other's data and need no reset between them.
/// </summary>
public sealed class ChatApp : IAsyncLifetime
{
    public const string SigningKey = "tests-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const int MaxMessageLength = 2000;
    public const long MaxRequestBytes = 16 * 1024;
    /// <summary>Four chunks of the attachment store: big enough for a file of several chunks, small enough to overflow quickly.</summary>
    public const long MaxAttachmentBytes = 1024 * 1024;
    public const int WebhookTimeoutSeconds = 15;
    /// <summary>A quarter of the webhook queue's eight lanes.</summary>
    public const int WebhookLanesPerReceiver = 2;

    public ChatApp() { }

    /// <summary>A second host of the service, for tests that restart it.</summary>
    private ChatApp(IAlbaHost host) => Host = host;

    public IAlbaHost Host { get; private set; } = null!;
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// A host reads its settings from the process's environment while it builds, so hosts are built one at a time:
    /// a fixture building beside another (the reports' host beside the shared one) would otherwise take its database,
    /// clock or limits.
    /// </summary>
    private static readonly SemaphoreSlim HostBuilds = new(1, 1);

    public async Task InitializeAsync()
    {
        await HostBuilds.WaitAsync();
        try
        {
            Configure(TestDatabase.ConnectionString);
            Host = await StartHostAsync();
        }
        finally
        {
            HostBuilds.Release();
        }
    }

    /// <summary>Starts another host of the service on the given database, configured as the shared one is.</summary>
    public static async Task<ChatApp> StartAsync(string connectionString, Action<Chat.Api.Infrastructure.ChatOptions>? adjust = null,
        Action<IServiceCollection>? services = null)
    {
        await HostBuilds.WaitAsync();
        try
        {
            Configure(connectionString);
            return new ChatApp(await StartHostAsync(adjust, services));
        }
        finally
        {
            Configure(TestDatabase.ConnectionString);
            HostBuilds.Release();
        }
    }

    private static Task<IAlbaHost> StartHostAsync(Action<Chat.Api.Infrastructure.ChatOptions>? adjust = null,
        Action<IServiceCollection>? configure = null) =>
        AlbaHost.For<Program>(web => web.ConfigureServices(services =>
        {
            services.RunWolverineInSoloMode();
            if (adjust is not null) services.PostConfigure(adjust);
            configure?.Invoke(services);
        }));

    private static void Configure(string connectionString)
    {
        // Set before the host builds, because Program reads them while composing the services.
        Environment.SetEnvironmentVariable("ConnectionStrings__Postgres", connectionString);
        Environment.SetEnvironmentVariable("Chat__Auth__SigningKey", SigningKey);
        Environment.SetEnvironmentVariable("Chat__Demo__Enabled", "false");
        Environment.SetEnvironmentVariable("Chat__RabbitMq__Enabled", "false");
        Environment.SetEnvironmentVariable("Chat__Messages__MaxLength", MaxMessageLength.ToString());
        Environment.SetEnvironmentVariable("Chat__Messages__MaxRequestBytes", MaxRequestBytes.ToString());
        Environment.SetEnvironmentVariable("Chat__Attachments__MaxBytes", MaxAttachmentBytes.ToString());
        Environment.SetEnvironmentVariable("Chat__Webhooks__AllowedTargets__0", WebhookHost);
        Environment.SetEnvironmentVariable("Chat__Webhooks__RetryDelaysMs", "50,100");
        Environment.SetEnvironmentVariable("Chat__Webhooks__TimeoutSeconds", WebhookTimeoutSeconds.ToString());
        Environment.SetEnvironmentVariable("Chat__Webhooks__Parallelism", "8");
        Environment.SetEnvironmentVariable("Chat__Webhooks__PerReceiver", WebhookLanesPerReceiver.ToString());
        foreach (var (key, value) in Unlimited) Environment.SetEnvironmentVariable(key, value);
        // The metrics specifications scrape the shared host, as Prometheus would.
        Environment.SetEnvironmentVariable("Chat__Telemetry__Prometheus", "true");
    }

    /// <summary>
    /// The shared hosts run thousands of tests from one address: their rate limits are out of reach. The rate limit
    /// specifications start hosts of their own with small limits.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Unlimited = new Dictionary<string, string>
    {
        ["Chat__RateLimits__LoginsPerAddressPerMinute"] = "1000000",
        ["Chat__RateLimits__WidgetSessionsPerAddressPerMinute"] = "1000000",
        ["Chat__RateLimits__SignUpsPerAddressPerHour"] = "1000000",
        ["Chat__RateLimits__InvitesPerAddressPerMinute"] = "1000000",
        ["Chat__RateLimits__SignInFailuresBeforeLockout"] = "1000000",
        ["Chat__RateLimits__SecondStepsPerAddressPerMinute"] = "1000000",
        ["Chat__RateLimits__VisitorMessagesPerMinute"] = "1000000",
        ["Chat__RateLimits__WorkspaceRequestsPerSecond"] = "1000000",
        ["Chat__RateLimits__HubCallsPerSecond"] = "1000000",
    };

    /// <summary>The one private address the tests' webhook receivers may use (all of 127.0.0.0/8 is loopback).</summary>
    public const string WebhookHost = "127.0.0.2";

    private readonly ConcurrentBag<HubConnection> agentConnections = [];

    /// <summary>A connection to one of this host's hubs ("agent" or "visitor") through the test server, by long polling, not yet started.</summary>
    public HubConnection HubConnection(string hub, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Host.Server.BaseAddress, $"/hubs/{hub}"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => Host.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();

    /// <summary>
    /// A connection to one of this host's hubs over a WebSocket through the test server, not yet started. Unlike a long
    /// poll, which presents its token again with every request, a WebSocket is authenticated once, when it opens.
    /// </summary>
    public HubConnection WebSocketHubConnection(string hub, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Host.Server.BaseAddress, $"/hubs/{hub}"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = _ => Host.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.WebSocketFactory = async (context, ct) =>
                    await Host.Server.CreateWebSocketClient().ConnectAsync(new Uri($"{context.Uri}&access_token={Uri.EscapeDataString(token)}"), ct);
            })
            .Build();

    /// <summary>
    /// Connects an agent to the agent hub of this host, as the dashboard does (long polling through the test
    /// server): only an agent with a live connection is routable. Returns once the connection is stored;
    /// it lasts as long as the host.
    /// </summary>
    public async Task ConnectAgentAsync(TestAgent agent)
    {
        var connection = HubConnection("agent", agent.Token);
        agentConnections.Add(connection);
        await connection.StartAsync();
        await using var session = Store.QuerySession(agent.Account.WorkspaceId);
        await Eventually.Async(async () => await session.LoadAsync<AgentConnection>(connection.ConnectionId!) is not null, "the connection stored");
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in agentConnections) await connection.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>A new workspace with one staff member of each role.</summary>
    public async Task<TestWorkspace> NewWorkspaceAsync()
    {
        var (workspace, staff) = await WorkspaceSeed.CreateAsync(Store, Host.Services.GetRequiredService<TokenIssuer>(), "ws",
            ("agent", Roles.Agent), ("agent2", Roles.Agent), ("supervisor", Roles.Supervisor), ("admin", Roles.Admin), ("auditor", Roles.Auditor));
        return new TestWorkspace(this, workspace, staff);
    }
}

[CollectionDefinition(Name)]
public sealed class ChatAppCollection : ICollectionFixture<ChatApp>
{
    public const string Name = "Chat app";
}
