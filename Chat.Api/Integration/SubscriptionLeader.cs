using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;

namespace Chat.Api.Integration;

/// <summary>
/// Runs the event subscriptions (integration events, webhook deliveries) on exactly one node: the one holding a
/// PostgreSQL session lock on a connection of its own. The lock lives as long as that connection, so when the
/// node dies, even by kill -9, PostgreSQL drops it at once and another node takes over within a second.
/// <para>
/// Marten's own hot/cold election would do this, but its lock library is not served here in the version it
/// needs (the one that is refuses Marten's data source), so the election is these few lines instead.
/// </para>
/// </summary>
public sealed class SubscriptionLeader(IDocumentStore store, string connectionString, ILoggerFactory logs) : BackgroundService
{
    /// <summary>
    /// The daemon reports every page it handles at Information: two lines per page under load, so it logs under a
    /// category of its own that appsettings.json keeps at Warning.
    /// </summary>
    public const string DaemonLogCategory = "Chat.Api.Integration.EventDaemon";
    private readonly ILogger log = logs.CreateLogger<SubscriptionLeader>();

    /// <summary>The advisory lock's key: any constant that no other lock of the database uses.</summary>
    public const long LockKey = 0x43_68_61_74_53_75_62; // "ChatSub"
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The daemon while this node leads, else null (read by the specifications that stop a shard on purpose).</summary>
    internal IProjectionDaemon? Daemon { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var dedicated = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "chat subscriptions" }.ConnectionString;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(dedicated);
                await connection.OpenAsync(stopping);
                if (await TryLockAsync(connection, stopping)) await LeadAsync(connection, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning("Running the event subscriptions was interrupted ({Error}); trying again.", e.Message);
            }
            await Task.Delay(Poll, stopping).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = LockKey } } };
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs the daemon for as long as the lock's connection answers.</summary>
    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        using var daemon = await store.BuildProjectionDaemonAsync(logger: logs.CreateLogger(DaemonLogCategory));
        await daemon.StartAllAsync();
        var shards = daemon.CurrentAgents().Count;
        Daemon = daemon;
        log.LogInformation("This node runs the event subscriptions.");
        try
        {
            await using var alive = new NpgsqlCommand("select 1", connection);
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(Poll, stopping);
                await alive.ExecuteScalarAsync(stopping);
                // The daemon pauses a subscription whose page failed (a database fault mid-page), and stops one whose
                // stored progress another process moved (a rebuild run beside the service). Start them again at once,
                // from the stored progress, rather than leaving integration events, webhooks or reports behind.
                var stalled = daemon.CurrentAgents().Where(a => a.Status != AgentStatus.Running).Select(a => a.Name.Identity).ToList();
                if (stalled.Count > 0 || daemon.CurrentAgents().Count < shards)
                {
                    log.LogWarning("Event subscriptions had stopped or paused ({Shards}); starting them again.", string.Join(", ", stalled));
                    await daemon.StopAllAsync();
                    await daemon.StartAllAsync();
                }
            }
        }
        finally
        {
            Daemon = null;
            await daemon.StopAllAsync();
        }
    }
}
