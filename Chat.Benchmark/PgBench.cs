using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Chat.Benchmark;

public sealed record PgBenchResult(int Clients, double Seconds, double CommitsPerSecond, string? Error);

/// <summary>
/// The database's own ceiling on this machine: pgbench committing one-row inserts at the same
/// concurrency as the chat load, so Chat's figures read as a share of what PostgreSQL can commit.
/// </summary>
public static partial class PgBench
{
    public static async Task<PgBenchResult> RunAsync(string connection, int clients, int seconds)
    {
        var script = Path.Combine(Path.GetTempPath(), $"chat-bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, "INSERT INTO chat_bench_insert (payload) VALUES ('a message of ordinary length, about sixty characters');\n");
        try
        {
            var setup = await RunAsync("psql", $"\"{connection}\" -q -c \"CREATE TABLE IF NOT EXISTS chat_bench_insert (id bigserial primary key, payload text, at timestamptz default now())\"");
            if (setup.ExitCode != 0) return new PgBenchResult(clients, seconds, 0, setup.Error);
            var run = await RunAsync("pgbench", $"-n -c {clients} -j 2 -T {seconds} -f {script} \"{connection}\"");
            if (run.ExitCode != 0) return new PgBenchResult(clients, seconds, 0, run.Error);
            var tps = Tps().Match(run.Output);
            await RunAsync("psql", $"\"{connection}\" -q -c \"DROP TABLE chat_bench_insert\"");
            return tps.Success
                ? new PgBenchResult(clients, seconds, double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), null)
                : new PgBenchResult(clients, seconds, 0, "pgbench printed no tps line");
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output, await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", $"{program} is not installed: {e.Message}");
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}
