using System.Security.Claims;
using System.Text;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Contracts;
using Chat.Domain;
using Chat.Projections;
using Chat.Projections.Audit;
using Chat.Projections.Conversations;
using Chat.Projections.Threads;
using JasperFx.Events;
using Marten;

namespace Chat.Api.Audit;

/// <summary>One stored fact of a conversation as the auditor reads it.</summary>
public sealed record AuditEntry(int Position, long Sequence, Guid EventId, string Stream, Guid StreamId, long Version, string Type,
    DateTimeOffset At, IntegrationActor Actor, object Data);

/// <summary>A conversation as it stood at a moment: its detail and every thread's transcript then.</summary>
public sealed record ConversationState(int Position, DateTimeOffset? At, ConversationDetail? Conversation, IReadOnlyList<ThreadTranscript> Threads);

public sealed record Transcript(ConversationDetail Conversation, IReadOnlyList<ThreadTranscript> Threads);

/// <summary>
/// The auditor's reading room: every fact of a conversation in stored order, its state as of any
/// position or time, transcripts, and verification of the hash chain. Everything here only reads.
/// </summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder staff)
    {
        var audit = staff.MapGroup("/audit/conversations/{conversationId:guid}").RequireAuthorization(Policies.Audit).WithTags("Audit");
        audit.MapGet("/history", HistoryAsync);
        audit.MapGet("/state", StateAsync);
        audit.MapGet("/transcript", TranscriptAsync);
        audit.MapGet("/verify", VerifyAsync);
        return staff;
    }

    private static Task<IResult> HistoryAsync(Guid conversationId, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
        WithHistoryAsync(conversationId, user, store, ct, (events, _) =>
            Task.FromResult(Results.Ok(events.Select((e, i) => new AuditEntry(i + 1, e.Sequence, e.Id,
                e.StreamId == conversationId ? "conversation" : "thread", e.StreamId, e.Version, e.EventTypeName, e.Timestamp,
                Actors.Of(e.Data), e.Data)))));

    /// <summary>As of a position in the history (1 = the first event) or of a time; the latest when neither is given.</summary>
    private static Task<IResult> StateAsync(Guid conversationId, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct,
        int? position = null, DateTimeOffset? at = null) =>
        WithHistoryAsync(conversationId, user, store, ct, (events, _) =>
        {
            if (position is not null && at is not null) return Task.FromResult(Problems.Invalid("Give a position or a time, not both."));
            if (position is < 1) return Task.FromResult(Problems.Invalid("position starts at 1."));
            var upTo = events.TakeWhile((e, i) => (position is null || i < position) && (at is null || e.Timestamp <= at)).ToList();
            return Task.FromResult(Results.Ok(Replay(upTo, upTo.Count, at)));
        });

    private static Task<IResult> TranscriptAsync(Guid conversationId, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct,
        string format = "json") =>
        WithHistoryAsync(conversationId, user, store, ct, (events, _) =>
        {
            var state = Replay(events, events.Count, null);
            return Task.FromResult(format switch
            {
                "json" => Results.Ok(new Transcript(state.Conversation!, state.Threads)),
                "text" => Results.Text(AsText(state), "text/plain", Encoding.UTF8),
                _ => Problems.Invalid("format is json or text."),
            });
        });

    private static Task<IResult> VerifyAsync(Guid conversationId, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct) =>
        WithHistoryAsync(conversationId, user, store, ct, async (events, session) =>
        {
            var links = await session.Query<ChainLink>().Where(l => l.ConversationId == conversationId).OrderBy(l => l.Position)
                .ToListAsync(ct);
            return Results.Ok(ChainVerification.Verify(conversationId, events, links));
        });

    private static async Task<IResult> WithHistoryAsync(Guid conversationId, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct,
        Func<IReadOnlyList<IEvent>, IQuerySession, Task<IResult>> answer)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        var events = await ConversationHistory.LoadAsync(session, conversationId, ct);
        return events is null ? Problems.NotFound($"Conversation {conversationId} does not exist.") : await answer(events, session);
    }

    /// <summary>Folds the events with the very projections that keep the live read models.</summary>
    private static ConversationState Replay(IReadOnlyList<IEvent> events, int position, DateTimeOffset? at)
    {
        var detailProjection = new ConversationDetailProjection();
        var transcriptProjection = new ThreadTranscriptProjection();
        ConversationDetail? detail = null;
        var threads = new Dictionary<Guid, ThreadTranscript?>();
        foreach (var e in events)
        {
            detail = detailProjection.Evolve(detail, e.StreamId, e);
            // Only thread streams have transcripts; the conversation stream's own facts (started, opened, contact) fold into the detail.
            if (e.Data is IConversationEvent c && e.StreamId != c.ConversationId)
                threads[e.StreamId] = transcriptProjection.Evolve(threads.GetValueOrDefault(e.StreamId), e.StreamId, e);
        }
        return new ConversationState(position, at, detail, [.. threads.Values.OfType<ThreadTranscript>().OrderBy(t => t.Number)]);
    }

    private static string AsText(ConversationState state)
    {
        var text = new StringBuilder();
        var conversation = state.Conversation!;
        text.AppendLine($"Conversation {conversation.Id} with {conversation.VisitorName ?? conversation.VisitorId} (group {conversation.Group})");
        foreach (var thread in state.Threads)
        {
            text.AppendLine().AppendLine($"Thread {thread.Number}");
            foreach (var m in thread.Messages)
            {
                var who = m.IsPrivateNote ? $"note by agent {m.AuthorId}" : $"{m.AuthorKind.ToString().ToLowerInvariant()} {m.AuthorId}";
                var body = m.Deleted ? "(deleted)" : m.Text + (m.EditedAt is null ? "" : " (edited)");
                text.AppendLine($"[{m.PostedAt:yyyy-MM-dd HH:mm:ss}Z] {who}: {body}");
            }
            var summary = conversation.Threads.FirstOrDefault(t => t.ThreadId == thread.Id);
            if (summary?.ClosedAt is { } closed) text.AppendLine($"[{closed:yyyy-MM-dd HH:mm:ss}Z] closed by {summary.ClosedBy}{(summary.CloseReason is null ? "" : $": {summary.CloseReason}")}");
            if (summary?.Rating is { } rating) text.AppendLine($"rated {rating}/5{(summary.RatingComment is null ? "" : $": {summary.RatingComment}")}");
        }
        return text.ToString();
    }
}
