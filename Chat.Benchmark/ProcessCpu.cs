namespace Chat.Benchmark;

/// <summary>CPU time of this machine's processes, read from /proc/&lt;pid&gt;/stat (utime + stime).</summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ, `getconf CLK_TCK` on Linux

    /// <summary>User and system CPU seconds the process has used so far; null once it has exited.</summary>
    public static double? Seconds(int pid)
    {
        try
        {
            // The command name in parentheses may hold spaces: fields are counted after its closing one.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The processes whose command name (/proc/&lt;pid&gt;/comm) is one of those given, e.g. "postgres" or
    /// "beam.smp", by name; one pass over /proc, since the benchmark's own CPU counts as the client's.
    /// </summary>
    public static ILookup<string, int> Named(params string[] commands)
    {
        var pids = new List<(string Command, int Pid)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n');
                if (commands.Contains(command)) pids.Add((command, pid));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return pids.ToLookup(p => p.Command, p => p.Pid);
    }
}
