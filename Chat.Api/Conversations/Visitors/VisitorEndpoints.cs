using System.Security.Claims;
using Chat.Api.Conversations.Reading;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.Widget;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Projections.Conversations;
using Chat.Projections.Threads;
using Marten;

namespace Chat.Api.Conversations.Visitors;

/// <summary>A thread as its visitor sees it: no private notes.</summary>
public sealed record VisitorThreadView(Guid ThreadId, int Number, ThreadStatus Status, DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt, int? Rating);

/// <summary>A message as its visitor sees it: an agent's by display name, never by email.</summary>
public sealed record VisitorMessageView(Guid MessageId, long Version, AuthorKind AuthorKind, string AuthorId, string? AuthorName,
    string Text, string ClientMessageId, DateTimeOffset PostedAt, DateTimeOffset? EditedAt, bool Deleted,
    IReadOnlyList<Chat.Domain.Threads.Messaging.AttachedFile> Attachments);

/// <summary>
/// The visitor's conversation: its threads, the current thread's messages, who answers it (display name), how many
/// agent messages the visitor has not read yet, and how far each side has read.
/// </summary>
public sealed record VisitorConversationView(Guid ConversationId, IReadOnlyList<VisitorThreadView> Threads,
    Guid? CurrentThreadId, IReadOnlyList<VisitorMessageView> CurrentMessages, long CurrentVersion, string? AgentName,
    int UnreadCount, long VisitorReadVersion, long AgentReadVersion);

/// <summary>
/// The widget's side. A visitor token reaches only the conversation derived from its own visitor id;
/// no route takes a conversation id, so there is none of someone else's to guess.
/// </summary>
public static class VisitorEndpoints
{
    public static RouteGroupBuilder MapVisitorEndpoints(this RouteGroupBuilder api)
    {
        var visitor = api.MapGroup("/visitor").RequireAuthorization(Policies.Visitor).WithTags("Visitor");
        // Its commands (messages, read, rating, contact) are Wolverine HTTP endpoints in their use cases' files.
        visitor.MapGet("/conversation", ConversationAsync);
        visitor.MapGet("/events", EventsAsync);
        return api.MapWidgetSettings();
    }

    private static async Task<IResult> ConversationAsync(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        var detail = await session.LoadAsync<ConversationDetail>(user.ConversationId(), ct);
        if (detail is null) return Problems.NotFound("You have no conversation yet; it starts with your first message.");

        var transcript = detail.CurrentThreadId is { } current ? await session.Events.AggregateStreamAsync<ThreadTranscript>(current, token: ct) : null;
        var threads = detail.Threads
            .Select(t => new VisitorThreadView(t.ThreadId, t.Number, VisibleStatus(t.Status), t.StartedAt, t.ClosedAt, t.Rating))
            .ToList();
        var messages = transcript?.Messages.Where(m => !m.IsPrivateNote).ToList() ?? [];
        var assignee = detail.Threads.FirstOrDefault(t => t.ThreadId == detail.CurrentThreadId)?.AssigneeId;
        var names = await AgentNames.LoadAsync(session,
            messages.Select(m => AuthoringAgent(m)).Append(assignee).OfType<Guid>(), ct);
        var visitorRead = transcript?.VisitorReadVersion ?? 0;
        var unread = messages.Count(m => m.AuthorKind == AuthorKind.Agent && !m.Deleted && m.Version > visitorRead);
        return Results.Ok(new VisitorConversationView(detail.Id, threads, detail.CurrentThreadId,
            [.. messages.Select(m => Visible(m, names))], transcript?.Version ?? 0, NameOf(assignee, names), unread, visitorRead,
            transcript?.AgentReadVersion ?? 0));
    }

    private static Guid? AuthoringAgent(MessageView m) =>
        m.AuthorKind == AuthorKind.Agent && Guid.TryParse(m.AuthorId, out var id) ? id : null;

    private static string? NameOf(Guid? agentId, IReadOnlyDictionary<Guid, string> names) =>
        agentId is { } id && names.TryGetValue(id, out var name) ? name : null;

    private static VisitorMessageView Visible(MessageView m, IReadOnlyDictionary<Guid, string> names) =>
        new(m.MessageId, m.Version, m.AuthorKind, m.AuthorId, NameOf(AuthoringAgent(m), names), m.Text, m.ClientMessageId, m.PostedAt,
            m.EditedAt, m.Deleted, m.Attachments);

    private static async Task<IResult> EventsAsync(Guid? threadId, long? after, ClaimsPrincipal user, IDocumentStore store,
        CancellationToken ct)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        return (await ThreadEntries.ForVisitorAsync(session, user.ConversationId(), threadId, after ?? 0, ct)).ToResult(Results.Ok);
    }

    /// <summary>Pending and snoozed are the agents' bookkeeping; to the visitor the thread is open.</summary>
    private static ThreadStatus VisibleStatus(ThreadStatus status) =>
        status is ThreadStatus.Pending or ThreadStatus.Snoozed ? ThreadStatus.Open : status;
}
