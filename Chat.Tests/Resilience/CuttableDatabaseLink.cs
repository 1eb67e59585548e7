using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Chat.Tests.Resilience;

/// <summary>
/// A TCP link between one host of the service and PostgreSQL that a test can cut and restore: an outage
/// of the database as that host sees it, without stopping the server the other tests use.
/// </summary>
public sealed class CuttableDatabaseLink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly List<TcpClient> open = [];
    private readonly CancellationTokenSource stop = new();
    private volatile bool cut;

    public CuttableDatabaseLink(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        targetHost = target.Host!;
        targetPort = target.Port;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // Short connect and command timeouts, so requests during the outage answer promptly.
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = port, Timeout = 3 }.ConnectionString;
        _ = AcceptAsync();
    }

    public string ConnectionString { get; }

    /// <summary>Drops every open connection and refuses new ones until restored.</summary>
    public void Cut()
    {
        cut = true;
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    public void Restore() => cut = false;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (OperationCanceledException) { return; }
            if (cut)
            {
                client.Dispose();
                continue;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(targetHost, targetPort, stop.Token);
            lock (open) open.AddRange([client, server]);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), stop.Token),
                server.GetStream().CopyToAsync(client.GetStream(), stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        Cut();
        return ValueTask.CompletedTask;
    }
}
