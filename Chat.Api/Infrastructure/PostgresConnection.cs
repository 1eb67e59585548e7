using Npgsql;

namespace Chat.Api.Infrastructure;

public static class PostgresConnection
{
    /// <summary>
    /// A pooled connection is handed on without the reset round trip: Chat keeps no session state on it
    /// (its locks are transaction-scoped). Settings the operator put in the connection string win.
    ///
    /// Npgsql's automatic preparation stays off. With it on, a statement that PostgreSQL refuses while
    /// binding its parameters (text holding U+0000, a jsonb value with \u0000) left the pooled connection's
    /// prepared-statement bookkeeping out of step with the server: later queries on that connection read
    /// another statement's rows and failed with "Received unexpected backend message DataRow". Under a
    /// burst of widget sessions and logins mixed with such requests, 140 to 200 requests a run failed that
    /// way with automatic preparation and none without it (see HostileBurstTests).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
