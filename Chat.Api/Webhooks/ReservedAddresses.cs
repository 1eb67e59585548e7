using System.Net;

namespace Chat.Api.Webhooks;

/// <summary>A range no webhook may reach, with the name it has in the registry.</summary>
/// <param name="CarriedIPv4">For IPv6 forms that carry an IPv4 address: where it is in the address's bytes.</param>
public sealed record ReservedRange(string Name, IPNetwork Network, Func<byte[], byte[]>? CarriedIPv4 = null)
{
    public override string ToString() => $"{Name} ({Network})";
}

/// <summary>Why an address is refused: its own range, or the range of the IPv4 address it carries.</summary>
public sealed record AddressRefusal(ReservedRange Range, IPAddress? EmbeddedIPv4, ReservedRange? EmbeddedRange)
{
    public override string ToString() => EmbeddedIPv4 is null
        ? Range.ToString()
        : $"{Range}, carrying {EmbeddedIPv4}{(EmbeddedRange is null ? "" : $": {EmbeddedRange}")}";
}

/// <summary>
/// The IANA IPv4 and IPv6 special-purpose address registries (plus multicast and the deprecated IPv6
/// forms) as one table. Every row is refused, whether or not the registry calls it globally reachable:
/// no webhook receiver lives in them. IPv6 forms that carry an IPv4 address (IPv4-mapped and -compatible,
/// NAT64, 6to4, Teredo: RFC 4291, 6052, 3056, 4380) also name the IPv4 address and its own row, so a
/// refusal says what was reached for.
/// </summary>
public static class ReservedAddresses
{
    public static readonly IReadOnlyList<ReservedRange> Table =
    [
        Row("This network", "0.0.0.0/8"),
        Row("Private-Use", "10.0.0.0/8"),
        Row("Shared Address Space", "100.64.0.0/10"),
        Row("Loopback", "127.0.0.0/8"),
        Row("Link Local", "169.254.0.0/16"),
        Row("Private-Use", "172.16.0.0/12"),
        Row("IETF Protocol Assignments", "192.0.0.0/24"),
        Row("Documentation (TEST-NET-1)", "192.0.2.0/24"),
        Row("AS112-v4", "192.31.196.0/24"),
        Row("AMT", "192.52.193.0/24"),
        Row("Deprecated (6to4 Relay Anycast)", "192.88.99.0/24"),
        Row("Private-Use", "192.168.0.0/16"),
        Row("Direct Delegation AS112 Service", "192.175.48.0/24"),
        Row("Benchmarking", "198.18.0.0/15"),
        Row("Documentation (TEST-NET-2)", "198.51.100.0/24"),
        Row("Documentation (TEST-NET-3)", "203.0.113.0/24"),
        Row("Multicast", "224.0.0.0/4"),
        Row("Reserved", "240.0.0.0/4"),
        Row("Limited Broadcast", "255.255.255.255/32"),

        Row("Unspecified Address", "::/128"),
        Row("Loopback Address", "::1/128"),
        Row("IPv4-compatible Address (deprecated)", "::/96", LastFour),
        Row("IPv4-mapped Address", "::ffff:0:0/96", LastFour),
        Row("IPv4-IPv6 Translation (NAT64)", "64:ff9b::/96", LastFour),
        // A /48 NAT64 prefix puts the IPv4 address around the reserved octet 8 (RFC 6052, 2.2).
        Row("Local-Use IPv4/IPv6 Translation (NAT64)", "64:ff9b:1::/48", b => [b[6], b[7], b[9], b[10]]),
        Row("Discard-Only Address Block", "100::/64"),
        Row("Dummy IPv6 Prefix", "100:0:0:1::/64"),
        // The Teredo client's address is the last 32 bits, inverted (RFC 4380, 4).
        Row("TEREDO", "2001::/32", b => [.. b[12..16].Select(x => (byte)~x)]),
        Row("IETF Protocol Assignments", "2001::/23"),
        Row("Documentation", "2001:db8::/32"),
        Row("6to4", "2002::/16", b => b[2..6]),
        Row("Direct Delegation AS112 Service", "2620:4f:8000::/48"),
        Row("Documentation", "3fff::/20"),
        Row("Segment Routing (SRv6) SIDs", "5f00::/16"),
        Row("Unique-Local", "fc00::/7"),
        Row("Link-Local Unicast", "fe80::/10"),
        Row("Site-Local (deprecated)", "fec0::/10"),
        Row("Multicast", "ff00::/8"),
    ];

    /// <summary>The most specific row holding the address, with the IPv4 address it carries; null for a public address.</summary>
    public static AddressRefusal? Refusal(IPAddress address)
    {
        if (RangeOf(address) is not { } range) return null;
        var embedded = range.CarriedIPv4 is { } carried ? new IPAddress(carried(address.GetAddressBytes())) : null;
        return new AddressRefusal(range, embedded, embedded is null ? null : RangeOf(embedded));
    }

    private static ReservedRange? RangeOf(IPAddress address) =>
        Table.Where(r => Holds(r.Network, address)).MaxBy(r => r.Network.PrefixLength);

    /// <summary>Compares the prefix bit by bit: <see cref="IPNetwork.Contains"/> never matches an IPv4-mapped address against ::ffff:0:0/96.</summary>
    private static bool Holds(IPNetwork network, IPAddress address)
    {
        if (network.BaseAddress.AddressFamily != address.AddressFamily) return false;
        var (prefix, bytes) = (network.BaseAddress.GetAddressBytes(), address.GetAddressBytes());
        var (whole, rest) = Math.DivRem(network.PrefixLength, 8);
        if (!prefix.AsSpan(0, whole).SequenceEqual(bytes.AsSpan(0, whole))) return false;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (prefix[whole] & mask) == (bytes[whole] & mask);
    }

    private static byte[] LastFour(byte[] address) => address[12..16];

    private static ReservedRange Row(string name, string network, Func<byte[], byte[]>? carriedIPv4 = null) =>
        new(name, IPNetwork.Parse(network), carriedIPv4);
}
