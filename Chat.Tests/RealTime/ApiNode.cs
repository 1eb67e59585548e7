using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Chat.Tests.RealTime;

/// <summary>
/// One Chat.Api process on its own Kestrel port, as it runs in production: real sockets, real RabbitMQ
/// fan-out between nodes.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ApiNode(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public string Output { get { lock (output) return output.ToString(); } }

    public static async Task<ApiNode> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Chat.Api.dll"), "--urls", baseUrl },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Mailed links (invites) point at this node, as a deployment's point at its own address.
        start.Environment["Chat__Mail__PublicUrl"] = baseUrl;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var node = new ApiNode(Process.Start(start)!, baseUrl);
        node.process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node.process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        await node.WaitUntilHealthyAsync();
        return node;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Chat.Api exited early:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Chat.Api did not become healthy on {BaseUrl}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ends the process at once, as kill -9 does: nothing of it runs any more.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Stops the process in order, as a service manager does (SIGTERM), and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (Terminate(process.Id, 15) != 0) throw new InvalidOperationException($"Could not signal Chat.Api {process.Id}.");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
