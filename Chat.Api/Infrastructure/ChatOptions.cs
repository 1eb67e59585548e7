namespace Chat.Api.Infrastructure;

/// <summary>The "Chat" section of the configuration.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    public MessageOptions Messages { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public RabbitMqOptions RabbitMq { get; set; } = new();
    public PresenceOptions Presence { get; set; } = new();
    public RoutingOptions Routing { get; set; } = new();
    public WebhookOptions Webhooks { get; set; } = new();
    public GroupCommitOptions GroupCommit { get; set; } = new();
    public LiveOptions Live { get; set; } = new();
    public RateLimitOptions RateLimits { get; set; } = new();
    public SignUpOptions SignUp { get; set; } = new();
    public MailOptions Mail { get; set; } = new();
    public InviteOptions Invites { get; set; } = new();
    public TelemetryOptions Telemetry { get; set; } = new();
    public HealthOptions Health { get; set; } = new();
    public Reports.ReportOptions Reports { get; set; } = new();
    public Attachments.AttachmentOptions Attachments { get; set; } = new();
}

public sealed class TelemetryOptions
{
    /// <summary>Where traces, metrics and logs go by OTLP (a collector); empty: nowhere, unless OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public string OtlpEndpoint { get; set; } = "";
    /// <summary>"HttpProtobuf" (port 4318) or "Grpc" (port 4317).</summary>
    public string OtlpProtocol { get; set; } = "HttpProtobuf";
    /// <summary>Serves the metrics at /metrics in Prometheus' text format.</summary>
    public bool Prometheus { get; set; }
    /// <summary>Console logs as one JSON object per line, with the trace and span ids of the request.</summary>
    public bool JsonLogs { get; set; }
}

public sealed class HealthOptions
{
    /// <summary>Ready only while the oldest event the subscriptions have not handled is younger than this.</summary>
    public int MaxDaemonLagSeconds { get; set; } = 60;
    /// <summary>How long a node reuses its last answer about the broker, so probes never flood it with connections.</summary>
    public int BrokerCheckCacheSeconds { get; set; } = 2;
}

public sealed class MailOptions
{
    /// <summary>"Mailbox" (development: stored in the database, never sent) or "Smtp".</summary>
    public string Mode { get; set; } = "Mailbox";
    public string From { get; set; } = "chat@localhost";
    public string SmtpHost { get; set; } = "localhost";
    public int SmtpPort { get; set; } = 587;
    public bool SmtpSsl { get; set; } = true;
    public string SmtpUser { get; set; } = "";
    public string SmtpPassword { get; set; } = "";
    /// <summary>Where people reach the dashboard: links in mails start here.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}

public sealed class InviteOptions
{
    public int ValidHours { get; set; } = 72;
}

public sealed class SignUpOptions
{
    /// <summary>Off for a private installation: workspaces are then made with the operator command only.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Requests allowed before a 429 (see <c>RateLimits</c>). Behind a proxy, the client address is the proxy's.</summary>
public sealed class RateLimitOptions
{
    public int LoginsPerAddressPerMinute { get; set; } = 20;
    public int WidgetSessionsPerAddressPerMinute { get; set; } = 60;
    public int SignUpsPerAddressPerHour { get; set; } = 10;
    /// <summary>Failed sign-ins of one email in a row before it is locked for a minute, doubling with each failure after.</summary>
    public int SignInFailuresBeforeLockout { get; set; } = 5;
    /// <summary>Second steps of two-factor sign-ins (codes tried), per client address.</summary>
    public int SecondStepsPerAddressPerMinute { get; set; } = 20;
    /// <summary>Invites made, looked up or accepted: no address guesses at invite tokens or floods mailboxes.</summary>
    public int InvitesPerAddressPerMinute { get; set; } = 20;
    public int VisitorMessagesPerMinute { get; set; } = 60;
    /// <summary>Every authenticated request and hub call of one workspace, all nodes counted apart; bursts of twice this.</summary>
    public int WorkspaceRequestsPerSecond { get; set; } = 2000;
    /// <summary>Calls on one hub connection; bursts of twice this.</summary>
    public int HubCallsPerSecond { get; set; } = 20;
}

public sealed class LiveOptions
{
    /// <summary>How often a node sends staff the inbox rows that changed, the latest of each conversation, in one push.</summary>
    public int InboxFlushMs { get; set; } = 100;
}

public sealed class GroupCommitOptions
{
    /// <summary>Off: every post is its own transaction through its Wolverine handler (slower; see the README).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Transactions of posts that may be in flight at once; never two with posts of the same conversation.</summary>
    public int MaxInFlight { get; set; } = 2;

    /// <summary>The most posts one transaction takes.</summary>
    public int MaxBatch { get; set; } = 64;
}

public sealed class WebhookOptions
{
    /// <summary>Hosts (as written in the URL) exempt from the private-address check: for tests and local use only.</summary>
    public List<string> AllowedTargets { get; set; } = [];

    /// <summary>The waits in milliseconds between delivery attempts, comma-separated; after the last, the delivery is dead-lettered.</summary>
    public string RetryDelaysMs { get; set; } = "1000,5000,30000,120000,600000";

    public IReadOnlyList<TimeSpan> RetryDelays =>
        [.. RetryDelaysMs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ms => TimeSpan.FromMilliseconds(int.Parse(ms)))];

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries under way at once on a node, across all receivers.</summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>
    /// Deliveries under way at once to one receiver on a node. A receiver that hangs holds no more than this many
    /// of the <see cref="Parallelism"/> lanes; a delivery beyond it counts as a failed attempt and is retried later.
    /// </summary>
    public int PerReceiver { get; set; } = 8;
}

public sealed class RoutingOptions
{
    /// <summary>How long a routed agent has to answer before the thread goes to someone else.</summary>
    public int AnswerTimeoutSeconds { get; set; } = 120;

    /// <summary>The longest a visitor waits in the queue before being offered to leave a message.</summary>
    public int MaxWaitSeconds { get; set; } = 900;

    /// <summary>Whether an agent going offline hands their open threads back to the queue (else they keep them).</summary>
    public bool RequeueWhenAgentOffline { get; set; } = true;

    /// <summary>The handling time the wait estimate starts from, before any thread was handled.</summary>
    public int AverageHandleSeconds { get; set; } = 300;
}

public sealed class PresenceOptions
{
    /// <summary>How long an agent whose last connection went stays online, so a reload is no absence.</summary>
    public int OfflineGraceSeconds { get; set; } = 30;

    /// <summary>How long a node's claim to its connections lasts unless renewed; a node silent for longer counts as stopped.</summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>How often a node renews its lease and drops the connections of stopped nodes.</summary>
    public int RenewSeconds { get; set; } = 5;
}

public sealed class MessageOptions
{
    /// <summary>Longest message or note text, in characters.</summary>
    public int MaxLength { get; set; } = 4000;

    /// <summary>Largest request body, in bytes; larger requests get 413.</summary>
    public long MaxRequestBytes { get; set; } = 64 * 1024;
}

public sealed class AuthOptions
{
    /// <summary>HMAC-SHA256 key for access and visitor tokens: at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";
    public string Issuer { get; set; } = "chat";
    public int AccessTokenMinutes { get; set; } = 15;
    public int VisitorTokenHours { get; set; } = 24;
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>
    /// How long after a renewal the refresh token it spent is refused without ending the session (a concurrent
    /// renewal from another tab, a retried request); later it counts as reuse. 0 counts every repeat as reuse.
    /// </summary>
    public int RefreshGraceSeconds { get; set; } = 10;

    /// <summary>
    /// How long a node keeps what it read of an account's state and a session's end to check access tokens with. A
    /// revocation clears it on every node at once; this bounds how late a node that missed that hears of it.
    /// </summary>
    public int AccessCheckSeconds { get; set; } = 5;

    /// <summary>
    /// The key that encrypts the agents' TOTP secrets at rest (AES-GCM); every node needs the same. Empty: derived from
    /// <see cref="SigningKey"/>, so changing that key then needs every agent to enrol again.
    /// </summary>
    public string TwoFactorKey { get; set; } = "";

    /// <summary>How long the ticket of a password accepted for a two-factor account waits for its second step.</summary>
    public int SecondStepMinutes { get; set; } = 5;
}

public sealed class DemoOptions
{
    /// <summary>Whether the first start creates a demo workspace with an admin.</summary>
    public bool Enabled { get; set; } = true;
    public string WorkspaceId { get; set; } = "demo";
    public string WorkspaceName { get; set; } = "Demo workspace";
    public string AdminEmail { get; set; } = "admin@demo.local";
    /// <summary>When empty, a random password is made and printed once.</summary>
    public string AdminPassword { get; set; } = "";

    /// <summary>Origins (comma-separated) the demo workspace always allows to embed its widget, added at each start.</summary>
    public string AllowedOrigins { get; set; } = "http://localhost:5000";
}

public sealed class RabbitMqOptions
{
    /// <summary>RabbitMQ is optional for the service itself; without it nothing leaves for downstream systems.</summary>
    public bool Enabled { get; set; }
}
