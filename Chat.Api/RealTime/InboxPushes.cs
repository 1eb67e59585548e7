using Chat.Api.Infrastructure;
using Chat.Projections.Inbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.RealTime;

/// <summary>
/// Inbox rows go to every staff connection of a workspace, so pushing one per change would cost agents online times
/// messages per second. Instead each node gathers the rows that changed, keeps the latest of each conversation, and
/// sends them together every <see cref="LiveOptions.InboxFlushMs"/>: one push per staff connection per interval, however
/// busy the workspace. A conversation's own facts are not held back; only the list of rows is.
/// </summary>
public sealed class InboxPushes(IHubContext<AgentHub> agents, IOptions<ChatOptions> options, Operations.ChatMetrics metrics, ILogger<InboxPushes> log) : BackgroundService
{
    private readonly Lock gate = new();
    private Dictionary<string, Dictionary<Guid, InboxItem>> pending = [];

    /// <summary>Called in each conversation's commit order, so the row given last is the newest.</summary>
    public void Add(string workspaceId, InboxItem row)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(workspaceId, out var rows)) pending[workspaceId] = rows = [];
            rows[row.Id] = row;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var interval = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(10, options.Value.Live.InboxFlushMs)));
        while (await interval.WaitForNextTickAsync(stopping).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result))
        {
            Dictionary<string, Dictionary<Guid, InboxItem>> due;
            lock (gate)
            {
                if (pending.Count == 0) continue;
                (due, pending) = (pending, []);
            }
            foreach (var (workspaceId, rows) in due)
            {
                try
                {
                    await agents.Clients.Group(HubGroups.Staff(workspaceId)).SendAsync("inbox", rows.Values.ToArray(), stopping);
                    metrics.Pushed("inbox");
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    // Dashboards reload their inbox when they reconnect; a lost batch is not worth failing the others.
                    log.LogWarning("Inbox rows of a workspace could not be pushed ({Error}).", e.Message);
                }
            }
        }
    }
}
