using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Conversations.Contact;
using static Chat.Tests.Conversations.Decisions.Given;

namespace Chat.Tests.Conversations.Decisions;

public sealed class ContactDecisionTests
{
    private static readonly Conversation Ann = new(Guid.NewGuid(), "ws", "v_1", "default", Guid.NewGuid(), 1, "Ann", null);

    [Fact]
    public void A_contact_is_trimmed_keeps_the_known_name_when_none_is_given_and_repeating_it_changes_nothing()
    {
        var given = GiveContactDecision.Decide(new GiveContact(null, " ann@example.com "), Ann, Now).Events.Single()
            .ShouldBeOfType<VisitorContactGiven>();

        given.ShouldBe(new VisitorContactGiven(Ann.Id, "v_1", "Ann", "ann@example.com", Now));
        var known = Ann.Apply(given);
        GiveContactDecision.Decide(new GiveContact("Ann ", "ann@example.com"), known, Now).Events.ShouldBeEmpty();
        GiveContactDecision.Decide(new GiveContact("Ann Lee", "ann@example.com"), known, Now).Events.Single()
            .ShouldBeOfType<VisitorContactGiven>().Name.ShouldBe("Ann Lee");
    }

    [Fact]
    public void A_contact_without_a_valid_email_or_with_an_unstorable_name_is_refused()
    {
        (string? Name, string? Email)[] refused =
            [(null, null), (null, "ann"), (null, "ann@example.com\u0000"), ("Ann\uD800", "ann@example.com")];

        refused.ShouldAllBe(c => GiveContactDecision.Decide(new GiveContact(c.Name, c.Email), Ann, Now).Rejection!.Kind == RejectionKind.Invalid);
    }
}
