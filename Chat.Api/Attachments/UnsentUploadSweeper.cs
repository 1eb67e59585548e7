using Chat.Api.Infrastructure;
using Chat.Projections.Threads;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Chat.Api.Attachments;

/// <summary>
/// Deletes uploads that no message carries once they are <see cref="AttachmentOptions.UnsentUploadHours"/> old, bytes and
/// record: a file picked and never sent (or uploaded only to fill the disk) does not stay for ever. Every node sweeps;
/// deleting what another node already deleted changes nothing. A post naming a swept upload is answered 404, as for any
/// unknown upload.
/// </summary>
public sealed class UnsentUploadSweeper(IDocumentStore store, IAttachmentStore files, IOptions<ChatOptions> options, TimeProvider clock,
    ILogger<UnsentUploadSweeper> log) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Attachments;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.SweepMinutes), clock);
        // The first sweep waits a period: a starting node has better things to do, and a day-old upload can wait.
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var swept = await SweepAsync(clock.GetUtcNow().AddHours(-settings.UnsentUploadHours), stoppingToken);
                if (swept > 0) log.LogInformation("Deleted {Count} uploads that no message carried.", swept);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next round tries again: an outage only delays the sweep.
                log.LogWarning(e, "Sweeping unsent uploads failed.");
            }
        }
    }

    /// <summary>Deletes the uploads made before the cutoff that no message carries; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset uploadedBefore, CancellationToken ct)
    {
        var total = 0;
        while (await UnsentAsync(uploadedBefore, ct) is { Count: > 0 } unsent)
        {
            foreach (var (workspaceId, id) in unsent)
            {
                await files.DeleteAsync(workspaceId, id, ct);
                await using var session = store.LightweightSession(workspaceId);
                session.Delete<AttachmentUpload>(id);
                await session.SaveChangesAsync(ct);
            }
            total += unsent.Count;
        }
        return total;
    }

    private async Task<List<(string WorkspaceId, Guid Id)>> UnsentAsync(DateTimeOffset uploadedBefore, CancellationToken ct)
    {
        var uploads = store.Options.Schema.For<AttachmentUpload>();
        var links = store.Options.Schema.For<MessageAttachment>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand($"""
            select u.tenant_id, u.id from {uploads} u
            where (u.data ->> 'uploadedAt')::timestamptz < $1
              and not exists (select 1 from {links} l where l.tenant_id = u.tenant_id and l.id = u.id)
            limit {Batch}
            """, connection);
        select.Parameters.Add(new NpgsqlParameter { Value = uploadedBefore });
        await using var reader = await select.ExecuteReaderAsync(ct);
        var found = new List<(string, Guid)>();
        while (await reader.ReadAsync(ct)) found.Add((reader.GetString(0), reader.GetGuid(1)));
        return found;
    }
}
