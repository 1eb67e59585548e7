using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.TagCatalogue;
using Chat.Domain;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Tagging;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Triage;

public sealed record TagRequest(string? Tag);

/// <summary>An agent puts a tag on the conversation's current thread.</summary>
public sealed record TagConversation(Guid ConversationId, string Tag, Actor By, IReadOnlyList<string>? SameTag = null) : IConversationCommand;

public static class TagConversationEndpoint
{
    [WolverinePost("/conversations/{conversationId:guid}/tags"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static async Task<IResult> Post(Guid conversationId, [FromBody] TagRequest request,
        ClaimsPrincipal user, IMessageBus bus, IDocumentStore store, CancellationToken ct)
    {
        // The catalogue decides what the tag is called (a renamed tag under its current name) and whether it may be used.
        await using var session = store.QuerySession(user.WorkspaceId());
        var (tag, rejection) = await TagNames.ForTaggingAsync(session, user.WorkspaceId(), request.Tag ?? "", ct);
        if (rejection is not null) return Problems.From(rejection);
        return await bus.AnswerAsync(new TagConversation(conversationId, tag!.Name, user.AsAgent(), tag.Names), ct);
    }
}

public static class TagConversationHandler
{
    public static Task<IEventStream<ChatThread>?> LoadAsync(TagConversation command, IDocumentSession session, CancellationToken ct) =>
        CurrentThread.FetchAsync(session, command.ConversationId, ct);

    public static (CommandOutcome<ThreadPosition>, OutgoingMessages) Handle(TagConversation command, IEventStream<ChatThread>? thread, IMessageContext context, TimeProvider clock) =>
        thread.Decide(command.ConversationId, context, state => TagDecision.Decide(new Tag(command.Tag, command.By, command.SameTag), state, clock.GetUtcNow()));
}
