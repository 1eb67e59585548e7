using Chat.Domain;
using Chat.Domain.Threads;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Chat.Projections.Threads;

public sealed partial class ThreadTranscriptProjection : SingleStreamProjection<ThreadTranscript, Guid>
{
    public override ThreadTranscript? Evolve(ThreadTranscript? transcript, Guid id, IEvent e)
    {
        if (e.Data is ThreadStarted started)
            return new ThreadTranscript { Id = started.ThreadId, ConversationId = started.ConversationId, Number = started.Number, Version = e.Version };
        if (transcript is null) return null;

        var next = transcript with { Version = e.Version };
        return e.Data switch
        {
            MessagePosted m => next with
            {
                Messages = [.. transcript.Messages, new MessageView
                {
                    MessageId = m.MessageId, Version = e.Version, AuthorKind = m.AuthorKind, AuthorId = m.AuthorId,
                    Text = m.Text, ClientMessageId = m.ClientMessageId, PostedAt = e.At(), Attachments = m.Attachments ?? [],
                }],
            },
            PrivateNoteAdded n => next with
            {
                Messages = [.. transcript.Messages, new MessageView
                {
                    MessageId = n.NoteId, Version = e.Version, AuthorKind = AuthorKind.Agent, AuthorId = n.AgentId.ToString(),
                    Text = n.Text, IsPrivateNote = true, ClientMessageId = n.ClientMessageId, PostedAt = e.At(),
                }],
            },
            MessageEdited m => Change(next, m.MessageId, x => x with { Text = m.Text, EditedAt = e.At() }),
            MessageDeleted m => Change(next, m.MessageId, x => x with { Text = "", Deleted = true, DeletedAt = e.At(), Attachments = [] }),
            MessagesRead { Side: ReaderSide.Visitor } r => next with { VisitorReadVersion = r.UpToVersion },
            MessagesRead { Side: ReaderSide.Agent } r => next with { AgentReadVersion = r.UpToVersion },
            _ => next,
        };
    }

    private static ThreadTranscript Change(ThreadTranscript transcript, Guid messageId, Func<MessageView, MessageView> change) =>
        transcript with { Messages = [.. transcript.Messages.Select(m => m.MessageId == messageId ? change(m) : m)] };
}
