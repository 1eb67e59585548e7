namespace Chat.Tests.Support;

/// <summary>The PostgreSQL database test.sh prepares; override with ConnectionStrings__Postgres.</summary>
public static class TestDatabase
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=5432;Database=chat_tests;Username=postgres;Password=postgres";
}
