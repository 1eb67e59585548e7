using System.Globalization;

namespace Chat.Benchmark;

/// <summary>The service's CPU time and memory, read from /proc of the same machine.</summary>
public sealed class ServerProcess(int pid)
{
    public int Pid => pid;

    /// <summary>
    /// The given process, or the one that listens on the service's port: on a machine where other Chat
    /// processes run (tests, a second node), the port names the measured one where a command line would not.
    /// </summary>
    public static ServerProcess? Find(int? pid, string url)
    {
        if (pid is { } given) return new ServerProcess(given);
        var sockets = ListeningSockets(new Uri(url).Port);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate) || candidate == Environment.ProcessId) continue;
            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(dir, "fd")))
                    if (new FileInfo(fd).LinkTarget is { } target && sockets.Contains(target)) return new ServerProcess(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return null;
    }

    /// <summary>The inodes of the sockets listening on the port, as fd links name them ("socket:[inode]").</summary>
    private static HashSet<string> ListeningSockets(int port)
    {
        const string Listen = "0A";
        var sockets = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var localPort = int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber);
                if (localPort == port && fields[3] == Listen) sockets.Add($"socket:[{fields[9]}]");
            }
        }
        return sockets;
    }

    /// <summary>User and system CPU seconds used so far.</summary>
    public double CpuSeconds() => ProcessCpu.Seconds(pid) ?? 0;

    public long ResidentBytes() => StatusKb("VmRSS") * 1024;
    public long PeakResidentBytes() => StatusKb("VmHWM") * 1024;

    private long StatusKb(string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
