using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Conversations.Starting;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Closing;
using Chat.Domain.Threads.Rating;
using Chat.Domain.Threads.Reading;
using Chat.Domain.Threads.Tagging;
using Chat.Domain.Threads.Triage;
using static Chat.Tests.Conversations.Decisions.Given;

namespace Chat.Tests.Conversations.Decisions;

public sealed class ThreadDecisionTests
{
    [Fact]
    public void Read_marks_only_move_forward_and_stay_within_the_thread()
    {
        var thread = Thread(VisitorSays);

        MarkReadDecision.Decide(new MarkRead(ReaderSide.Agent, "a", 3), thread, Now).Events.Single().ShouldBeOfType<MessagesRead>();
        var read = Apply(thread, new MessagesRead(thread.ConversationId, thread.Id, ReaderSide.Agent, "a", 3, Now));
        MarkReadDecision.Decide(new MarkRead(ReaderSide.Agent, "a", 2), read, Now).Events.ShouldBeEmpty();
        MarkReadDecision.Decide(new MarkRead(ReaderSide.Visitor, "v", 9), read, Now).Rejection!.Kind.ShouldBe(RejectionKind.Invalid);
    }

    [Fact]
    public void Tags_are_normalised_and_adding_one_twice_changes_nothing()
    {
        var thread = Thread();

        var tagged = TagDecision.Decide(new Tag("  Billing ", Agent), thread, Now);
        tagged.Events.OfType<ThreadTagged>().Single().Tag.ShouldBe("billing");
        TagDecision.Decide(new Tag("BILLING", Agent), Apply(thread, tagged.Events.Single()), Now).Events.ShouldBeEmpty();
        TagDecision.Decide(new Tag("a;drop", Agent), thread, Now).IsRejected.ShouldBeTrue();
    }

    [Fact]
    public void Snoozing_needs_a_time_in_the_future()
    {
        var thread = Thread(Assigned);

        ChangeStatusDecision.Decide(new ChangeStatus(ThreadStatus.Snoozed, null, Agent), thread, Now).IsRejected.ShouldBeTrue();
        ChangeStatusDecision.Decide(new ChangeStatus(ThreadStatus.Snoozed, Now.AddMinutes(-1), Agent), thread, Now).IsRejected.ShouldBeTrue();
        ChangeStatusDecision.Decide(new ChangeStatus(ThreadStatus.Snoozed, Now.AddHours(1), Agent), thread, Now).Events.Count.ShouldBe(1);
        ChangeStatusDecision.Decide(new ChangeStatus(ThreadStatus.Pending, null, Agent), Thread(Closed), Now).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void Closing_twice_changes_nothing_and_only_a_closed_thread_reopens()
    {
        var closed = Thread(Closed);

        CloseDecision.Decide(new Close(null, Agent), closed, Now).Events.ShouldBeEmpty();
        ReopenDecision.Decide(new Reopen(Agent), closed, Now).Events.Single().ShouldBeOfType<ThreadReopened>();
        ReopenDecision.Decide(new Reopen(Agent), Thread(), Now).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void A_rating_needs_an_agents_answer_a_score_from_1_to_5_and_happens_once()
    {
        var answered = Thread(VisitorSays, AgentSays);

        RateDecision.Decide(new Rate("v", 5, null), Thread(VisitorSays), Now).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
        RateDecision.Decide(new Rate("v", 0, null), answered, Now).Rejection!.Kind.ShouldBe(RejectionKind.Invalid);
        var rated = RateDecision.Decide(new Rate("v", 5, "great"), answered, Now);
        RateDecision.Decide(new Rate("v", 4, null), Apply(answered, rated.Events.Single()), Now).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void The_first_message_starts_the_conversation_and_a_later_one_only_a_new_thread()
    {
        var visitor = new VisitorProfile("v1", "Ann", null, "widget", "sales");
        var command = new StartThread(ConversationId, Guid.NewGuid(), Guid.NewGuid(), visitor, "Hi", "c1");

        var first = StartThreadDecision.Decide(command, null, "ws", 100, Now);
        first.ConversationEvents.Select(e => e.GetType()).ShouldBe([typeof(ConversationStarted), typeof(ThreadOpened)]);
        first.ThreadEvents.Select(e => e.GetType()).ShouldBe([typeof(ThreadStarted), typeof(ThreadQueued), typeof(MessagePosted)]);

        var conversation = Conversation.Create((ConversationStarted)first.ConversationEvents[0]).Apply((ThreadOpened)first.ConversationEvents[1]);
        var again = StartThreadDecision.Decide(command with { ThreadId = Guid.NewGuid() }, conversation, "ws", 100, Now);
        again.ConversationEvents.Single().ShouldBeOfType<ThreadOpened>().Number.ShouldBe(2);
        again.ThreadEvents.OfType<ThreadStarted>().Single().Group.ShouldBe("sales");
    }
}
