using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Projections.Conversations;
using Chat.Projections.Inbox;
using Chat.Projections.Threads;
using Marten;
using System.Security.Claims;

namespace Chat.Api.Conversations.Reading;

public sealed record ConversationView(ConversationDetail Conversation, InboxItem Summary, ThreadTranscript? CurrentThread);

/// <summary>What agents and auditors read of one conversation: all from inline read models.</summary>
public static class ConversationQueries
{
    public static RouteGroupBuilder MapConversationQueries(this RouteGroupBuilder staff)
    {
        staff.MapGet("/conversations/{conversationId:guid}", GetAsync).RequireAuthorization(Policies.ReadConversations);
        staff.MapGet("/conversations/{conversationId:guid}/threads/{threadId:guid}/events", EventsAsync)
            .RequireAuthorization(Policies.ReadConversations);
        return staff;
    }

    private static async Task<IResult> GetAsync(Guid conversationId, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        var batch = session.CreateBatchQuery();
        var detail = batch.Load<ConversationDetail>(conversationId);
        var summary = batch.Load<InboxItem>(conversationId);
        await batch.Execute(ct);
        if (await detail is not { } conversation || await summary is not { } item)
            return Problems.NotFound($"Conversation {conversationId} does not exist.");

        var transcript = conversation.CurrentThreadId is { } threadId
            ? await session.Events.AggregateStreamAsync<ThreadTranscript>(threadId, token: ct)
            : null;
        return Results.Ok(new ConversationView(conversation, item, transcript));
    }

    private static async Task<IResult> EventsAsync(Guid conversationId, Guid threadId, long? after, ClaimsPrincipal user,
        IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        return (await ThreadEntries.ForStaffAsync(session, conversationId, threadId, after ?? 0, ct)).ToResult(Results.Ok);
    }
}
