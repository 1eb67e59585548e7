using System.Diagnostics;

namespace Chat.Tests.Integration;

/// <summary>The broker's own administration tool, for tests that stop the broker or manage its users.</summary>
public static class RabbitMqCtl
{
    public static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"rabbitmqctl {string.Join(' ', arguments)}: {await error}");
    }

    /// <summary>The virtual host of an amqp URI ("/" when it names none).</summary>
    public static string VirtualHost(string uri)
    {
        var path = new Uri(uri).AbsolutePath.TrimStart('/');
        return path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
    }

    /// <summary>The same URI, logged in as another user.</summary>
    public static string As(string uri, string user, string password) =>
        new UriBuilder(uri) { UserName = Uri.EscapeDataString(user), Password = Uri.EscapeDataString(password) }.Uri.ToString();

    /// <summary>A new broker user with the given permissions on the URI's virtual host; deleted when disposed.</summary>
    public static async Task<BrokerUser> AddUserAsync(string uri, string configure, string write, string read)
    {
        var name = $"test-{Guid.NewGuid():N}";
        var password = Guid.NewGuid().ToString("N");
        await RunAsync("add_user", name, password);
        await RunAsync("set_permissions", "-p", VirtualHost(uri), name, configure, write, read);
        return new BrokerUser(name, As(uri, name, password));
    }
}

public sealed record BrokerUser(string Name, string Uri) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await RabbitMqCtl.RunAsync("delete_user", Name);
}
