using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using static Chat.Tests.Conversations.Decisions.Given;

namespace Chat.Tests.Conversations.Decisions;

public sealed class MessagingDecisionTests
{
    private static PostMessage Post(Actor author, string text = "Hello") => new(Guid.NewGuid(), author, text, "c1");

    [Fact]
    public void An_empty_text_is_invalid_and_a_long_one_too_large()
    {
        var thread = Thread();

        PostMessageDecision.Decide(Post(Agent, "  "), thread, 10, Now).Rejection!.Kind.ShouldBe(RejectionKind.Invalid);
        PostMessageDecision.Decide(Post(Agent, new string('x', 11)), thread, 10, Now).Rejection!.Kind.ShouldBe(RejectionKind.TooLarge);
        PostMessageDecision.Decide(Post(Agent, new string('x', 10)), thread, 10, Now).IsRejected.ShouldBeFalse();
    }

    [Fact]
    public void A_message_of_files_may_have_no_text_and_carries_their_metadata_while_one_without_files_stores_none()
    {
        var file = new AttachedFile(Guid.NewGuid(), "photo.png", "image/png", 1234, new string('a', 64));

        var withFile = PostMessageDecision.Decide(Post(Agent, "") with { Attachments = [file] }, Thread(), 10, Now);
        var withoutFile = PostMessageDecision.Decide(Post(Agent) with { Attachments = [] }, Thread(), 10, Now);

        withFile.Events.OfType<MessagePosted>().Single().Attachments.ShouldBe([file]);
        withoutFile.Events.OfType<MessagePosted>().Single().Attachments.ShouldBeNull();
    }

    [Fact]
    public void An_agent_answering_a_queued_thread_takes_it_before_the_message()
    {
        var decision = PostMessageDecision.Decide(Post(Agent), Thread(VisitorSays), 100, Now);

        decision.Events.Select(e => e.GetType()).ShouldBe([typeof(ThreadAssigned), typeof(MessagePosted)]);
    }

    [Fact]
    public void A_visitor_writing_to_a_snoozed_thread_wakes_it()
    {
        var thread = Thread(Assigned, t => new StatusChanged(t.ConversationId, t.Id, ThreadStatus.Snoozed, Now.AddHours(1), "a", Now));

        var decision = PostMessageDecision.Decide(Post(Actor.Visitor("visitor-1")), thread, 100, Now);

        decision.Events.OfType<StatusChanged>().Single().Status.ShouldBe(ThreadStatus.Open);
    }

    [Fact]
    public void A_closed_thread_takes_no_agent_reply()
    {
        PostMessageDecision.Decide(Post(Agent), Thread(Assigned, Closed), 100, Now).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void The_write_model_keeps_its_version_and_whether_an_agent_answered_not_the_messages()
    {
        var asked = Thread(t => VisitorSays(t, "first"));
        var answered = Apply(asked, AgentSays(asked));

        asked.AgentAnswered.ShouldBeFalse();
        answered.AgentAnswered.ShouldBeTrue();
        answered.LastVersion.ShouldBe(4);
        answered.ShouldBe(asked with { AgentAnswered = true, LastVersion = 4 }, "a message changes nothing else");
    }

    [Fact]
    public void Only_the_author_edits_or_deletes_and_a_deleted_message_is_gone()
    {
        var reply = Guid.NewGuid();
        var thread = Thread(t => new MessagePosted(t.ConversationId, t.Id, reply, AuthorKind.Agent, AgentId.ToString(), "x", "a", Now));
        var facts = new MessageFacts(reply, thread.Id, AuthorKind.Agent, AgentId.ToString(), IsPrivateNote: false, Deleted: false);

        EditMessageDecision.Decide(new EditMessage(reply, Guid.NewGuid(), "y"), thread, facts, 100, Now).Rejection!.Kind.ShouldBe(RejectionKind.Forbidden);
        var deleted = DeleteMessageDecision.Decide(new DeleteMessage(reply, AgentId), thread, facts, Now);
        deleted.Events.Single().ShouldBeOfType<MessageDeleted>();
        EditMessageDecision.Decide(new EditMessage(reply, AgentId, "y"), thread, facts with { Deleted = true }, 100, Now)
            .Rejection!.Kind.ShouldBe(RejectionKind.NotFound);
    }

    [Fact]
    public void A_message_that_is_not_stored_or_is_in_another_thread_is_not_found()
    {
        var reply = Guid.NewGuid();
        var thread = Thread(Assigned);
        var elsewhere = new MessageFacts(reply, Guid.NewGuid(), AuthorKind.Agent, AgentId.ToString(), IsPrivateNote: false, Deleted: false);

        EditMessageDecision.Decide(new EditMessage(reply, AgentId, "y"), thread, null, 100, Now).Rejection!.Kind.ShouldBe(RejectionKind.NotFound);
        DeleteMessageDecision.Decide(new DeleteMessage(reply, AgentId), thread, elsewhere, Now).Rejection!.Kind.ShouldBe(RejectionKind.NotFound);
    }
}
