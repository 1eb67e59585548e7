namespace Chat.Benchmark;

/// <summary>The service's CPU time and memory, read from /proc of the same machine.</summary>
public sealed class ServerProcess(int pid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public int Pid => pid;

    public static ServerProcess? Find(int? pid)
    {
        if (pid is { } given) return new ServerProcess(given);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate) || candidate == Environment.ProcessId) continue;
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (command.Contains("Chat.Api") && !command.Contains("dotnet run")) return new ServerProcess(candidate);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }

    /// <summary>User and system CPU seconds used so far.</summary>
    public double CpuSeconds()
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }

    public long ResidentBytes() => StatusKb("VmRSS") * 1024;
    public long PeakResidentBytes() => StatusKb("VmHWM") * 1024;

    private long StatusKb(string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
