using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Serialises every write to one conversation and its threads (or to one agent's presence) inside the
/// session's transaction. The inline read models fold the conversation stream and its thread streams into
/// shared rows, so two concurrent writers to the same conversation would otherwise overwrite each other's
/// read-model changes. The lock is released when the transaction commits or rolls back.
/// </summary>
public static class WriteLock
{
    public static async Task AcquireAsync(IDocumentSession session, string workspaceId, Guid conversationId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await AlsoAsync(session, workspaceId, conversationId, ct);
    }

    /// <summary>Takes one more lock in a transaction that holds one already (the router locking conversations).</summary>
    public static async Task AlsoAsync(IDocumentSession session, string workspaceId, Guid conversationId, CancellationToken ct)
    {
        var command = new NpgsqlCommand("select pg_advisory_xact_lock($1)")
        {
            Parameters = { new NpgsqlParameter { Value = KeyOf(workspaceId, conversationId) } },
        };
        await session.ExecuteAsync(command, ct);
    }

    /// <summary>
    /// Begins the transaction and takes the locks of several conversations in one statement, in key order,
    /// so that two transactions locking overlapping sets always take them in the same order.
    /// </summary>
    public static async Task AcquireAllAsync(IDocumentSession session, string workspaceId, IEnumerable<Guid> conversationIds,
        CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var keys = conversationIds.Select(id => KeyOf(workspaceId, id)).Distinct().Order().ToArray();
        var command = new NpgsqlCommand("select pg_advisory_xact_lock(k) from unnest($1::bigint[]) with ordinality as l(k, n) order by n")
        {
            Parameters = { new NpgsqlParameter { Value = keys } },
        };
        await session.ExecuteAsync(command, ct);
    }

    public static long KeyOf(string workspaceId, Guid conversationId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{workspaceId}/{conversationId}"));
        return BitConverter.ToInt64(hash, 0);
    }
}
