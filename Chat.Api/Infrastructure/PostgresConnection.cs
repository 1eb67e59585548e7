using Npgsql;

namespace Chat.Api.Infrastructure;

public static class PostgresConnection
{
    /// <summary>
    /// Every command runs the same few dozen statements. Letting Npgsql prepare them once per pooled
    /// connection spares PostgreSQL parsing and planning each of them again, which was most of its CPU
    /// under load. A pooled connection is also handed on without the reset round trip: Chat keeps no
    /// session state on it (its locks are transaction-scoped). Settings the operator put in the
    /// connection string win.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
