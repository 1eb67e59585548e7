using Npgsql;

namespace Chat.Tests.Support;

/// <summary>The PostgreSQL database test.sh prepares; override with ConnectionStrings__Postgres.</summary>
public static class TestDatabase
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=5432;Database=chat_tests;Username=postgres;Password=postgres";

    /// <summary>The test database's name with a suffix: runs against different test databases share nothing.</summary>
    public static string Beside(string suffix) => $"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}{suffix}";

    /// <summary>Another database on the same server, created when missing; returns its connection string.</summary>
    public static async Task<string> OtherAsync(string name, int maxPoolSize = 100)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
    }
}
