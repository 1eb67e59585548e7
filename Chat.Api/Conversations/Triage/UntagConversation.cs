using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.TagCatalogue;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Tagging;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Chat.Api.Conversations.Triage;

/// <summary>An agent takes a tag off the conversation's current thread.</summary>
public sealed record UntagConversation(Guid ConversationId, string Tag, Actor By, IReadOnlyList<string>? SameTag = null) : IConversationCommand;

public static class UntagConversationEndpoint
{
    [WolverineDelete("/conversations/{conversationId:guid}/tags/{tag}"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static async Task<IResult> Delete(Guid conversationId, string tag, ClaimsPrincipal user, IMessageBus bus, IDocumentStore store,
        CancellationToken ct)
    {
        // Removing a renamed tag by its current name takes off whichever of its names the thread carries.
        await using var session = store.QuerySession(user.WorkspaceId());
        var names = await TagNames.AllNamesAsync(session, tag.Trim().ToLowerInvariant(), ct);
        return await bus.AnswerAsync(new UntagConversation(conversationId, tag, user.AsAgent(), names), ct);
    }
}

public static class UntagConversationHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(UntagConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(UntagConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => UntagDecision.Decide(new Untag(command.Tag, command.By, command.SameTag), state, clock.GetUtcNow()));
}
