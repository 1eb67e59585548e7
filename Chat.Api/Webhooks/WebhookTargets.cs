using System.Net;
using System.Net.Sockets;
using Chat.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Chat.Api.Webhooks;

/// <summary>
/// Keeps webhooks away from the service's own network: only http(s) URLs whose every address is public,
/// that is outside every row of <see cref="ReservedAddresses"/>.
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
            return ReservedAddresses.Refusal(IPAddress.Parse(uri.Host.Trim('[', ']'))) is { } reserved
                ? $"The URL points at a reserved address: {reserved}."
                : null;

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
        if (addresses.Length == 0) return "The host name does not resolve.";
        return addresses.Select(a => (Address: a, Refusal: ReservedAddresses.Refusal(a))).FirstOrDefault(a => a.Refusal is not null) is ({ } address, { } refusal)
            ? $"The host resolves to a reserved address, {address}: {refusal}."
            : null;
    }

    /// <summary>Connects only to allowed addresses; used by the delivery client for every connection.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = IsAllowlisted(host) ? addresses : addresses.Where(a => ReservedAddresses.Refusal(a) is null).ToArray();
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
