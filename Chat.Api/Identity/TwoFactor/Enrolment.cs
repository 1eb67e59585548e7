using System.Security.Claims;
using Chat.Api.AdminLog;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Marten;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using Wolverine;

namespace Chat.Api.Identity.TwoFactor;

public sealed record EnrolRequest(string? Password);

/// <summary>What an authenticator app needs: the QR code of <see cref="OtpAuthUri"/> (an SVG data URL), or the secret typed in.</summary>
public sealed record EnrolAnswer(string Secret, string OtpAuthUri, string QrCode);

/// <summary>The recovery codes, shown this once: only their hashes are kept.</summary>
public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

/// <summary>
/// An agent turns on their second factor in two steps: enrolling (with their password) makes a secret, which is pending
/// until a code from it confirms that the app holds it. Confirming turns it on, answers the recovery codes once, and ends
/// the agent's other sessions (whoever signed in with the password alone is signed out).
/// </summary>
public static class Enrolment
{
    public static async Task<IResult> EnrolAsync(EnrolRequest request, ClaimsPrincipal user, IDocumentStore store,
        PasswordHasher<AgentAccount> hasher, SecretProtector protector, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Password)) return Problems.Invalid("The password is required.");
        await using var session = store.LightweightSession();
        if (await OwnAccount.AccountOfAsync(session, user, ct) is not { } account) return OwnAccount.GoneAccount;
        if (hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
            return Problems.Forbidden("The password is wrong.");
        var state = await session.LoadAsync<TwoFactorState>(account.Id, ct) ?? new TwoFactorState(account.Id, account.WorkspaceId);
        if (TwoFactorState.IsOn(state)) return AlreadyOn;

        var secret = Codes.NewSecret();
        session.Store(state with { PendingSecret = protector.Protect(account.Id, secret) });
        await session.SaveChangesAsync(ct);
        var workspace = await session.LoadAsync<Workspace>(account.WorkspaceId, ct);
        var uri = Codes.OtpAuthUri(workspace?.Name ?? account.WorkspaceId, account.Email, secret);
        return Results.Ok(new EnrolAnswer(Codes.Base32(secret), uri, QrCodeOf(uri)));
    }

    public static async Task<IResult> ConfirmAsync(CodeProof proof, ClaimsPrincipal user, HttpContext http, IDocumentStore store, Proof check,
        IMessageBus bus, AccessCheck access, TimeProvider clock, CancellationToken ct)
    {
        if (Text.IsBlank(proof.Code)) return Problems.Invalid("The code from the authenticator app is required.");
        var client = ClientInfo.Of(http);
        var ended = new List<AccessRevoked>();
        var answer = await ConcurrencyRetry.RunAsync(async () =>
        {
            ended.Clear();
            await using var session = store.LightweightSession();
            if (await OwnAccount.AccountOfAsync(session, user, ct) is not { } account) return OwnAccount.GoneAccount;
            var state = await session.LoadAsync<TwoFactorState>(account.Id, ct);
            if (TwoFactorState.IsOn(state)) return AlreadyOn;
            if (state?.PendingSecret is null)
                return Problems.Of(StatusCodes.Status409Conflict, "Conflict", "There is no enrolment to confirm: enrol first.");

            var (spent, refusal) = await check.CheckAsync(session, http, account, state, proof with { RecoveryCode = null }, pending: true,
                account.Id, StatusCodes.Status403Forbidden, ct);
            if (refusal is not null)
            {
                await session.SaveChangesAsync(ct);
                return refusal;
            }
            var now = clock.GetUtcNow();
            var (codes, hashes) = Codes.NewRecoveryCodes(account.Id);
            session.Store(spent! with { Secret = state.PendingSecret, PendingSecret = null, EnabledAt = now, RecoveryCodeHashes = hashes });
            foreach (var family in await SessionFamilies.LiveOfAsync(session, account.Id, now, ct))
                if (family.Id != user.SessionId())
                    ended.Add(SessionFamilies.Revoke(session, family, RevocationReasons.TwoFactorEnabled, account.Id, client, now));
            session.RecordAdminChange(http, AdminActions.TwoFactorEnabled, account.Id.ToString(), new { enabled = false }, new { enabled = true });
            await session.SaveChangesAsync(ct);
            return Results.Ok(new RecoveryCodes(codes));
        }, ct);
        await bus.AnnounceAsync(access, ended);
        return answer;
    }

    internal static IResult AlreadyOn => Problems.Of(StatusCodes.Status409Conflict, "Conflict",
        "Two-factor sign-in is on already; turn it off first to enrol another device.");

    private static string QrCodeOf(string uri)
    {
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(6, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return $"data:image/svg+xml;base64,{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg))}";
    }
}
