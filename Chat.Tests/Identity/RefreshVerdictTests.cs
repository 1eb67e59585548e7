using Chat.Api.Identity;

namespace Chat.Tests.Identity;

/// <summary>What a presented refresh token may do, decided from the token and its family alone.</summary>
public sealed class RefreshVerdictTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private static readonly Guid FamilyId = Guid.NewGuid();

    private static RefreshToken Token(string id, DateTimeOffset? usedAt = null) =>
        new(id, Guid.Empty, "ws", Now.AddDays(1), usedAt, FamilyId);

    /// <summary>t1 was spent for t2 at <paramref name="rotatedAt"/>, t0 before it for t1.</summary>
    private static SessionFamily Family(DateTimeOffset rotatedAt) =>
        new SessionFamily(FamilyId, Guid.Empty, "ws", Now.AddHours(-1), rotatedAt, Now.AddDays(1), null, null, "t2")
            with { PreviousTokenId = "t1", RotatedAt = rotatedAt };

    [Fact]
    public void The_newest_token_renews() =>
        SessionFamilies.Judge(Token("t2"), Family(Now.AddMinutes(-5)), Now, Grace).ShouldBe(RefreshVerdict.Rotate);

    [Fact]
    public void The_token_just_spent_lost_a_race_within_the_grace_and_is_reused_after_it()
    {
        SessionFamilies.Judge(Token("t1", Now.AddSeconds(-3)), Family(Now.AddSeconds(-3)), Now, Grace).ShouldBe(RefreshVerdict.RaceLost);
        SessionFamilies.Judge(Token("t1", Now.AddSeconds(-11)), Family(Now.AddSeconds(-11)), Now, Grace).ShouldBe(RefreshVerdict.Reused);
        SessionFamilies.Judge(Token("t1", Now.AddSeconds(-3)), Family(Now.AddSeconds(-3)), Now, TimeSpan.Zero).ShouldBe(RefreshVerdict.Reused);
    }

    [Fact]
    public void An_older_spent_token_is_reused_even_within_the_grace() =>
        SessionFamilies.Judge(Token("t0", Now.AddSeconds(-5)), Family(Now.AddSeconds(-3)), Now, Grace).ShouldBe(RefreshVerdict.Reused);

    [Fact]
    public void Nothing_of_an_ended_or_expired_family_renews_and_nothing_more_is_ended()
    {
        var revoked = Family(Now.AddMinutes(-5)) with { RevokedAt = Now.AddMinutes(-1) };
        var expired = Family(Now.AddDays(-20)) with { ExpiresAt = Now.AddDays(-6) };

        SessionFamilies.Judge(Token("t2"), revoked, Now, Grace).ShouldBe(RefreshVerdict.Unusable);
        SessionFamilies.Judge(Token("t0", Now), revoked, Now, Grace).ShouldBe(RefreshVerdict.Unusable);
        SessionFamilies.Judge(Token("t2"), expired, Now, Grace).ShouldBe(RefreshVerdict.Unusable);
    }

    [Fact]
    public void A_token_from_before_families_starts_one_once()
    {
        var legacy = Token("old") with { FamilyId = null };

        SessionFamilies.Judge(legacy, null, Now, Grace).ShouldBe(RefreshVerdict.StartFamily);
        SessionFamilies.Judge(legacy with { UsedAt = Now.AddDays(-1) }, null, Now, Grace).ShouldBe(RefreshVerdict.Unusable);
        SessionFamilies.Judge(legacy with { ExpiresAt = Now.AddDays(-1) }, null, Now, Grace).ShouldBe(RefreshVerdict.Unusable);
    }
}
