using System.Net.Sockets;
using Npgsql;

namespace Chat.Api.Infrastructure;

public enum StoreFault { None, UniqueViolation, UnstorableText, Unavailable }

/// <summary>
/// Reads what went wrong in PostgreSQL out of an exception, however deep Marten or Wolverine wrapped it:
/// a unique violation is a lost race (409), text PostgreSQL cannot store is bad input (400), and a
/// database that is down, restarting or out of connections is an outage to retry (503), not a fault.
/// </summary>
public static class StoreFaults
{
    public static StoreFault Classify(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return StoreFault.UniqueViolation;
                case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                    return StoreFault.UnstorableText;
                case PostgresException postgres when IsOutage(postgres.SqlState):
                    return StoreFault.Unavailable;
                case PostgresException:
                    return StoreFault.None;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return StoreFault.Unavailable;
            }
        }
        return StoreFault.None;
    }

    public static bool IsTransient(Exception exception) => Classify(exception) == StoreFault.Unavailable;

    /// <summary>Connection exceptions (08), shutdowns and restarts (57P01-57P03), too many connections (53300).</summary>
    private static bool IsOutage(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.InsufficientResources;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
