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

    /// <summary>The processes whose command name (/proc/&lt;pid&gt;/comm) is the one given, e.g. "postgres" or "beam.smp".</summary>
    public static List<int> Named(string command)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n') == command) pids.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return pids;
    }
}
