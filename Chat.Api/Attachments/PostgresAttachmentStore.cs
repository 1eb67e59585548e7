using Chat.Api.Infrastructure;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Chat.Api.Attachments;

/// <summary>
/// Files as rows of chunks (<c>chat.attachment_chunks</c>: workspace, attachment, sequence, up to 256 KB of bytea), written
/// in one transaction as they stream in and read back in order. Chosen over large objects: rows carry the workspace like
/// every other row, go with a plain DELETE (large objects need lo_unlink or vacuumlo), and are backed up, replicated and
/// restored as ordinary table data. TOAST compresses and stores each chunk out of line.
/// </summary>
public sealed class PostgresAttachmentStore(IDocumentStore store) : IAttachmentStore
{
    public const int ChunkBytes = 256 * 1024;
    private const string Table = MartenSetup.SchemaName + ".attachment_chunks";

    /// <summary>The table, created and updated with Marten's own schema.</summary>
    public static void AddTable(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.SchemaName, "attachment_chunks", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "text").AsPrimaryKey();
        table.AddColumn("attachment_id", "uuid").AsPrimaryKey();
        table.AddColumn("seq", "integer").AsPrimaryKey();
        table.AddColumn("data", "bytea").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    public async Task SaveAsync(string workspaceId, Guid attachmentId, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var seq = 0;
        await foreach (var chunk in chunks.WithCancellation(ct))
        {
            await using var insert = new NpgsqlCommand(
                $"insert into {Table} (tenant_id, attachment_id, seq, data) values ($1, $2, $3, $4)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            insert.Parameters.Add(new NpgsqlParameter { Value = attachmentId });
            insert.Parameters.Add(new NpgsqlParameter { Value = seq++ });
            insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = chunk, NpgsqlDbType = NpgsqlDbType.Bytea });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    public async Task<bool> CopyToAsync(string workspaceId, Guid attachmentId, Stream destination, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand(
            $"select data from {Table} where tenant_id = $1 and attachment_id = $2 order by seq", connection);
        select.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        select.Parameters.Add(new NpgsqlParameter { Value = attachmentId });
        await using var reader = await select.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        var any = false;
        while (await reader.ReadAsync(ct))
        {
            any = true;
            await using var chunk = await reader.GetStreamAsync(0, ct);
            await chunk.CopyToAsync(destination, ct);
        }
        return any;
    }

    public async Task DeleteAsync(string workspaceId, Guid attachmentId, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var delete = new NpgsqlCommand($"delete from {Table} where tenant_id = $1 and attachment_id = $2", connection);
        delete.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        delete.Parameters.Add(new NpgsqlParameter { Value = attachmentId });
        await delete.ExecuteNonQueryAsync(ct);
    }
}
