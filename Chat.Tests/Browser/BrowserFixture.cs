using System.Collections.Concurrent;
using System.Diagnostics;
using Chat.Api.Agents;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Agents;
using Chat.Projections.Agents;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Marten;
using Microsoft.Playwright;
using Npgsql;

namespace Chat.Tests.Browser;

/// <summary>
/// What the browser tests run against, started once for the collection: one Chat.Api process on its own port (RabbitMQ
/// on, its own database, the widget's files served from Chat.Api/wwwroot), two other websites in the test process
/// (<see cref="Site"/>, which every workspace made here allows, and <see cref="StrangerSite"/>, which none allows), and
/// one headless Debian chromium driven by Playwright. Each test opens its own browser context and makes its own workspace.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Overrides where chromium is; by default Debian's, which test.sh installs.</summary>
    public const string ChromiumVariable = "CHAT_CHROMIUM";

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    // As root (CI) chromium only starts without its sandbox; the rest keeps it from reaching out to anything but the test.
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>How long an action or an Expect assertion waits for the page: generous, for a shared two-core machine.</summary>
    public const float TimeoutMs = 30_000;

    public const string DemoAdminPassword = "demo-admin-password-for-browser-tests";

    private readonly ConcurrentBag<LiveClient> agentHubs = [];
    private IPlaywright? playwright;

    public ApiNode Chat { get; private set; } = null!;

    /// <summary>Chat's address as pages embed it, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string ChatUrl => Chat.BaseUrl;

    /// <summary>The site that embeds the widget: every workspace <see cref="NewWorkspaceAsync"/> makes allows its origin.</summary>
    public HostSite Site { get; private set; } = null!;

    /// <summary>A site no workspace allows.</summary>
    public HostSite StrangerSite { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The node's database, for tests that look at what was stored.</summary>
    public IDocumentStore Store { get; private set; } = null!;

    /// <summary>From nothing to a healthy node, two sites and a running browser.</summary>
    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        // Beside the test database, as the live cluster's is, so runs against different databases share nothing.
        var database = $"{new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString).Database}_browser";
        var connectionString = await TestDatabase.OtherAsync(database, maxPoolSize: 20);
        var environment = new Dictionary<string, string>(LiveCluster.NodeEnvironment(connectionString))
        {
            ["ConnectionStrings__RabbitMq"] = LiveCluster.RabbitMqUri,
            ["Chat__RabbitMq__Enabled"] = "true",
            ["ASPNETCORE_WEBROOT"] = Repository.WebRoot,
            // The cluster's short leases are for its crash drills; under a full test run's load they can lapse between
            // renewals and take routable agents away mid-test. Nothing here kills a node.
            ["Chat__Presence__LeaseSeconds"] = "20",
            ["Chat__Presence__RenewSeconds"] = "2",
            // The demo site at / as run.sh shows it, on this node's own address.
            ["Chat__Demo__Enabled"] = "true",
            ["Chat__Demo__AdminPassword"] = DemoAdminPassword,
        };

        // Side by side: the node's start (schema, Wolverine, RabbitMQ) is most of the cost, the browser's the rest.
        var node = ApiNode.StartAsync(environment);
        var browser = LaunchChromiumAsync();
        var site = HostSite.StartAsync();
        var stranger = HostSite.StartAsync();
        try
        {
            await Task.WhenAll(node, browser, site, stranger);
        }
        finally
        {
            // Whatever started is kept, so DisposeAsync (or the failure below) ends it.
            if (node.IsCompletedSuccessfully) Chat = node.Result;
            if (browser.IsCompletedSuccessfully) Browser = browser.Result;
            if (site.IsCompletedSuccessfully) Site = site.Result;
            if (stranger.IsCompletedSuccessfully) StrangerSite = stranger.Result;
        }
        Store = DocumentStore.For(options => options.ConfigureChatStore(connectionString));
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        StartedIn = clock.Elapsed;
    }

    private async Task<IBrowser> LaunchChromiumAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No chromium at {ChromiumPath}: run ./test.sh (it installs Debian's) or set {ChromiumVariable}.");
        playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>A fresh browser profile (no cookies, no storage), for one test; dispose it at the end of the test.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(TimeoutMs);
        return context;
    }

    /// <summary>
    /// A new workspace that allows <see cref="Site"/>'s origin (set as its admin does, through the API), with an agent and
    /// an admin. With <paramref name="agentOnline"/> the agent has the dashboard open (a live agent-hub connection) and is
    /// online, so a conversation started now is routed to them at once.
    /// </summary>
    public async Task<BrowserWorkspace> NewWorkspaceAsync(bool agentOnline = true)
    {
        var (workspace, staff) = await WorkspaceSeed.CreateAsync(Store, LiveCluster.Tokens, "br",
            ("agent", Roles.Agent), ("admin", Roles.Admin));
        var admin = staff["admin"];
        await Chat.SendAsync(HttpMethod.Put, "/api/workspace/origins", admin.Token, new { origins = new[] { Site.Origin } });
        var agent = staff["agent"];
        var agentHub = agentOnline ? await GoOnlineAsync(agent) : null;
        return new BrowserWorkspace(workspace with { AllowedOrigins = [Site.Origin] }, agent, admin, agentHub);
    }

    /// <summary>
    /// The agent opens the dashboard and says they are online; returns once the node would route to them. The returned
    /// connection records the pushes the agent receives, and lasts as long as the fixture.
    /// </summary>
    public async Task<LiveClient> GoOnlineAsync(TestAgent agent)
    {
        var hub = await LiveClient.ConnectAsync(ChatUrl, "agent", agent.Token);
        agentHubs.Add(hub);
        await Chat.SendAsync(HttpMethod.Put, "/api/agents/me/status", agent.Token, new { status = "Online" });
        await Eventually.Async(() => IsRoutableAsync(agent), $"agent {agent.Account.Email} online with a live connection", seconds: 60);
        return hub;
    }

    private async Task<bool> IsRoutableAsync(TestAgent agent)
    {
        await using var session = Store.QuerySession(agent.Account.WorkspaceId);
        var presence = await session.LoadAsync<AgentPresenceView>(agent.Id);
        return presence?.Status == AgentStatus.Online
               && (await LiveConnections.AgentsAsync(session, DateTimeOffset.UtcNow, CancellationToken.None)).Contains(agent.Id);
    }

    /// <summary>The tag a host page embeds the widget with, as a site owner copies it from the dashboard.</summary>
    public string WidgetScript(BrowserWorkspace workspace) =>
        $"""<script src="{ChatUrl}/widget.js" data-widget-key="{workspace.WidgetKey}" async></script>""";

    public async Task DisposeAsync()
    {
        foreach (var hub in agentHubs) await hub.DisposeAsync();
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Site is not null) await Site.DisposeAsync();
        if (StrangerSite is not null) await StrangerSite.DisposeAsync();
        if (Chat is not null) await Chat.DisposeAsync();
        Store?.Dispose();
    }
}

/// <summary>A workspace of one browser test: its widget key, its agent (online when <see cref="AgentHub"/> is set) and its admin.</summary>
public sealed record BrowserWorkspace(Workspace Workspace, TestAgent Agent, TestAgent Admin, LiveClient? AgentHub)
{
    public string Id => Workspace.Id;
    public string Name => Workspace.Name;
    public string WidgetKey => Workspace.WidgetKey;
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
