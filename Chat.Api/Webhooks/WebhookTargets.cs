using System.Net;
using System.Net.Sockets;
using Chat.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Chat.Api.Webhooks;

/// <summary>
/// Keeps webhooks away from the service's own network: only http(s) URLs whose every address is public.
/// IP literals in any spelling (decimal, octal, hex, IPv6-mapped) reach here already canonical through
/// <see cref="Uri"/>, names are resolved, and the same check runs again when a delivery connects, so a
/// name that changes its address later gains nothing.
/// </summary>
public sealed class WebhookTargets(IOptions<ChatOptions> options)
{
    private static readonly string[] ForbiddenNames = ["localhost", "metadata", "metadata.google.internal", "instance-data"];

    public bool IsAllowlisted(string host) =>
        options.Value.Webhooks.AllowedTargets.Contains(host.Trim('[', ']'), StringComparer.OrdinalIgnoreCase);

    /// <summary>Why this URL may not receive webhooks, or null when it may.</summary>
    public async Task<string?> RefusalAsync(string? url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "The URL is not an absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return "Only http and https URLs receive webhooks.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Credentials in the URL are not accepted; use the signing secret.";
        if (IsAllowlisted(uri.Host)) return null;

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return IsForbidden(IPAddress.Parse(uri.Host.Trim('[', ']'))) ? "The URL points at a private, loopback or link-local address." : null;

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (ForbiddenNames.Contains(host) || host.EndsWith(".localhost") || host.EndsWith(".internal") || host.EndsWith(".local"))
            return "The URL names an internal host.";
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return "The host name does not resolve.";
        }
        return addresses.Length == 0 || addresses.Any(IsForbidden) ? "The host resolves to a private, loopback or link-local address." : null;
    }

    /// <summary>Loopback, private, shared, link-local (cloud metadata), multicast, unspecified and reserved ranges.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast)) return true;

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                   || (b[0] == 100 && b[1] is >= 64 and <= 127)
                   || (b[0] == 169 && b[1] == 254)
                   || (b[0] == 172 && b[1] is >= 16 and <= 31)
                   || (b[0] == 192 && b[1] == 168)
                   || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                   || (b[0] == 198 && b[1] is 18 or 19);
        }
        var bytes = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
               || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)
               || address.IsIPv4MappedToIPv6 || bytes.Take(12).All(x => x == 0);
    }

    /// <summary>Connects only to allowed addresses; used by the delivery client for every connection.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = IsAllowlisted(host) ? addresses : addresses.Where(a => !IsForbidden(a)).ToArray();
        if (allowed.Length == 0) throw new WebhookDeliveryFailed($"Refused to connect to {host}: not a public address.");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery attempt that did not reach a 2xx answer; it is retried, then dead-lettered.</summary>
public sealed class WebhookDeliveryFailed(string message) : Exception(message);
