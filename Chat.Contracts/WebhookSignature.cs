using System.Security.Cryptography;
using System.Text;

namespace Chat.Contracts;

/// <summary>
/// Webhook signatures in the Standard Webhooks style: HMAC-SHA256 with the subscription's secret over
/// "{webhook-id}.{webhook-timestamp}.{body}", sent as "v1,{base64}" in the webhook-signature header.
/// Receivers verify with <see cref="Verify"/>: right secret, untouched body, fresh timestamp.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        using var hmac = new HMACSHA256(KeyOf(secret));
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }

    public static bool Verify(string secret, string id, string timestamp, string signatureHeader, string body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds)) return false;
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (now - sentAt > Tolerance || sentAt - now > Tolerance) return false;

        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, seconds, body));
        // The header may carry several space-separated signatures (during a secret rotation).
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected));
    }

    private static byte[] KeyOf(string secret) =>
        secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[SecretPrefix.Length..])
            : Encoding.UTF8.GetBytes(secret);
}
