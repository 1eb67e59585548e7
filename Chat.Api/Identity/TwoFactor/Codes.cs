using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace Chat.Api.Identity.TwoFactor;

public enum CodeVerdict
{
    Accepted,
    Wrong,
    /// <summary>A right code of a time step already spent: someone may have read it over a shoulder or from a log.</summary>
    Replayed,
}

/// <summary>
/// TOTP (RFC 6238: SHA-1, 30 s steps, 6 digits, as every authenticator app reads an otpauth URI) and recovery codes,
/// decided from the state alone. A code of the step before or after the current one is accepted (clocks drift, typing
/// takes time); a step at or before the last one spent is a replay.
/// </summary>
public static class Codes
{
    public const int RecoveryCodeCount = 10;
    public const int SecretBytes = 20;
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretBytes);

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    public static (CodeVerdict Verdict, TwoFactorState State) CheckCode(TwoFactorState state, byte[] secret, string code, DateTimeOffset now)
    {
        var digits = code.Replace(" ", "").Trim();
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit)
            || !new Totp(secret).VerifyTotp(now.UtcDateTime, digits, out var step, Window))
            return (CodeVerdict.Wrong, state);
        return step <= state.LastUsedStep ? (CodeVerdict.Replayed, state) : (CodeVerdict.Accepted, state with { LastUsedStep = step });
    }

    /// <summary>A recovery code works once: it leaves the list when spent.</summary>
    public static (CodeVerdict Verdict, TwoFactorState State) CheckRecoveryCode(TwoFactorState state, string recoveryCode)
    {
        var hash = HashOf(state.Id, recoveryCode);
        return state.RecoveryCodeHashes.Contains(hash)
            ? (CodeVerdict.Accepted, state with { RecoveryCodeHashes = state.RecoveryCodeHashes.Where(h => h != hash).ToList() })
            : (CodeVerdict.Wrong, state);
    }

    /// <summary>Ten random codes of 50 bits each ("k3m9q-x7d2p"), shown once; only their hashes are kept.</summary>
    public static (IReadOnlyList<string> Codes, IReadOnlyList<string> Hashes) NewRecoveryCodes(Guid agentId)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ =>
        {
            var chars = RandomNumberGenerator.GetItems<char>(alphabet, 10);
            return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
        }).ToList();
        return (codes, codes.Select(c => HashOf(agentId, c)).ToList());
    }

    /// <summary>Spaces, dashes and case do not matter when a code is typed back.</summary>
    private static string HashOf(Guid agentId, string recoveryCode)
    {
        var normal = new string(recoveryCode.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{agentId:N}/{normal}")));
    }

    /// <summary>The enrolment URI authenticator apps read (Key URI Format): "Chat (Workspace):email", issuer "Chat (Workspace)".</summary>
    public static string OtpAuthUri(string workspaceName, string email, byte[] secret)
    {
        var issuer = $"Chat ({workspaceName})";
        return $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}" +
               $"?secret={Base32(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
    }
}
