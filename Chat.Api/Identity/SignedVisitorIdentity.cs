using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Api.Identity;

/// <summary>
/// The secret a workspace's backend signs its visitors' identities with. It is shown once, when made; stored apart
/// from the workspace, so no answer that shows the workspace can carry it.
/// </summary>
public sealed record IdentitySecret(string Id, string Secret, DateTimeOffset CreatedAt);

/// <summary>Who the business says the visitor is, with its signature (lowercase or uppercase hex of HMAC-SHA256).</summary>
public sealed record SignedIdentity(string? ExternalId, string? Signature);

/// <summary>
/// A signed identity makes a visitor the same person on every device: the business's backend computes
/// HMAC-SHA256(secret, externalId + "\n" + email + "\n" + name), each empty when not given, over exactly the values the
/// widget sends. Anything else (no secret, no signature, a wrong one, other values) leaves the visitor anonymous.
/// </summary>
public static class SignedVisitorIdentity
{
    public const int MaxExternalIdLength = 200;
    private const string VerifiedPrefix = "u_";

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Payload(string externalId, string? email, string? name) => $"{externalId}\n{email}\n{name}";

    public static bool IsValid(SignedIdentity? identity, string? email, string? name, IdentitySecret? secret)
    {
        if (secret is null || identity is not { ExternalId: { Length: > 0 and <= MaxExternalIdLength } externalId, Signature: { Length: 64 } signature })
            return false;
        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret.Secret), Encoding.UTF8.GetBytes(Payload(externalId, email, name)));
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    /// <summary>The visitor id of a verified person: the same on every device, and not the business's own id.</summary>
    public static string VisitorIdFor(string workspaceId, string externalId) =>
        VerifiedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"identity/{workspaceId}/{externalId}")))[..32];

    /// <summary>A verified visitor's earlier token is no pass on its own: on a shared computer, the next person is someone else.</summary>
    public static bool IsVerifiedVisitorId(string visitorId) => visitorId.StartsWith(VerifiedPrefix, StringComparison.Ordinal);
}
