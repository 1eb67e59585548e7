namespace Chat.Api.Identity.TwoFactor;

/// <summary>
/// An agent's second factor (one per account, by the account's id). The TOTP secret is kept encrypted
/// (<see cref="SecretProtector"/>); <see cref="PendingSecret"/> is an enrolment not yet confirmed with a code. Recovery codes
/// are kept by hash and each works once. <see cref="LastUsedStep"/> is the time step of the last code accepted: a code of
/// that step or an earlier one is a replay. Versioned, so two requests spending the same code at once cannot both succeed.
/// </summary>
public sealed record TwoFactorState(Guid Id, string WorkspaceId)
{
    public string? Secret { get; init; }
    public string? PendingSecret { get; init; }
    public DateTimeOffset? EnabledAt { get; init; }
    public IReadOnlyList<string> RecoveryCodeHashes { get; init; } = [];
    public long LastUsedStep { get; init; }

    public static bool IsOn(TwoFactorState? state) => state?.Secret is not null;
}
