using System.Security.Cryptography;
using System.Text;
using Chat.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Chat.Api.Identity.TwoFactor;

/// <summary>
/// Encrypts TOTP secrets at rest with AES-GCM under a key every node shares (<c>Chat:Auth:TwoFactorKey</c>, else derived
/// from the signing key), bound to the account, so a copy of the database alone yields no secret and a secret moved to
/// another account does not open.
/// </summary>
public sealed class SecretProtector(IOptions<ChatOptions> options)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(options.Value.Auth.TwoFactorKey is { Length: > 0 } own ? own : options.Value.Auth.SigningKey),
        32, info: "chat/two-factor-secret"u8.ToArray());

    public string Protect(Guid agentId, byte[] secret)
    {
        var sealedBytes = new byte[NonceBytes + TagBytes + secret.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), agentId.ToByteArray());
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret, or null when it was not sealed for this account under this key.</summary>
    public byte[]? Unprotect(Guid agentId, string protectedSecret)
    {
        var sealedBytes = Convert.FromBase64String(protectedSecret);
        if (sealedBytes.Length <= NonceBytes + TagBytes) return null;
        var secret = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes),
                secret, agentId.ToByteArray());
            return secret;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
