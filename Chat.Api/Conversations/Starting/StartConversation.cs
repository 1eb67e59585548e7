using System.Security.Claims;
using Chat.Api.Conversations.Messaging;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Conversations.Starting;
using Chat.Domain.Threads;
using Chat.Projections.Conversations;
using Chat.Projections.Threads;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace Chat.Api.Conversations.Starting;

/// <summary>Whom to write to: a signed-in visitor by the business's own id for them, or by their email.</summary>
public sealed record StartConversationRequest(string? ExternalId, string? Email, string? Text, string? ClientMessageId);

/// <summary>An agent's follow-up to a known, signed-in visitor: a new thread of their conversation, assigned to the agent.</summary>
public sealed record StartConversation(Guid ConversationId, StartByAgent Start, int MaxLength) : IConversationCommand
{
    /// <summary>Without the text, which never goes to a log.</summary>
    public override string ToString() => $"StartConversation {{ ConversationId = {ConversationId}, ClientMessageId = {Start.ClientMessageId} }}";
}

public static class StartConversationEndpoint
{
    [WolverinePost("/conversations"), Authorize(Policies.WorkConversations), Tags("Conversations")]
    public static async Task<IResult> Post([FromBody] StartConversationRequest request, ClaimsPrincipal user, IMessageBus bus,
        IDocumentStore store, IOptions<ChatOptions> options, CancellationToken ct)
    {
        if (Text.IsBlank(request.ExternalId) == Text.IsBlank(request.Email))
            return Problems.Invalid("Name the visitor by externalId or by email (one of them).");
        if (request.ExternalId?.Length > SignedVisitorIdentity.MaxExternalIdLength || request.Email?.Length > 200)
            return Problems.Invalid($"externalId has at most {SignedVisitorIdentity.MaxExternalIdLength} characters, email 200.");

        var workspaceId = user.WorkspaceId();
        var (conversationId, problem) = !Text.IsBlank(request.ExternalId)
            ? (VisitorIdentity.ConversationIdFor(workspaceId, SignedVisitorIdentity.VisitorIdFor(workspaceId, request.ExternalId!.Trim())), null)
            : await ByEmailAsync(store, workspaceId, request.Email!.Trim(), ct);
        if (problem is not null) return problem;

        var start = new StartByAgent(conversationId, Guid.CreateVersion7(), Guid.CreateVersion7(), user.AgentId(), request.Text ?? "",
            request.ClientMessageId ?? "");
        var outcome = await bus.RunAsync<SentMessage>(new StartConversation(conversationId, start, options.Value.Messages.MaxLength), ct);
        return outcome.Rejection is { Kind: RejectionKind.Conflict } conflict
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail,
                extensions: new Dictionary<string, object?> { ["conversationId"] = conversationId })
            : outcome.ToResult(Posting.Answer);
    }

    /// <summary>
    /// The one signed-in visitor whose signed identity carries this email; several are a conflict (name the externalId
    /// instead). An email typed into the contact form names nobody: anyone could type someone else's.
    /// </summary>
    private static async Task<(Guid, IResult?)> ByEmailAsync(IDocumentStore store, string workspaceId, string email, CancellationToken ct)
    {
        await using var session = store.QuerySession(workspaceId);
        var lower = email.ToLowerInvariant();
        var found = await session.Query<ConversationDetail>()
            .Where(d => d.VerifiedEmail != null && d.VerifiedEmail.ToLower() == lower)
            .Select(d => d.Id).Take(2).ToListAsync(ct);
        return found.Count switch
        {
            0 => (Guid.Empty, Unknown()),
            1 => (found[0], null),
            _ => (Guid.Empty, Problems.Of(StatusCodes.Status409Conflict, "Conflict",
                "Several signed-in visitors use this email; name the visitor by externalId.")),
        };
    }

    public static IResult Unknown() => Problems.NotFound("No signed-in visitor of this workspace is known by that id or email.");
}

public static class StartConversationHandler
{
    /// <summary>The visitor's conversation, its current thread, and a thread this command already started (a resend), under the conversation's lock.</summary>
    public static async Task<(IEventStream<Conversation>, IEventStream<ChatThread>?, ThreadMessage?)> LoadAsync(StartConversation command,
        IDocumentSession session, CancellationToken ct)
    {
        await WriteLock.AcquireAsync(session, session.TenantId, command.ConversationId, ct);
        var conversation = await session.Events.FetchForWriting<Conversation>(command.ConversationId, ct);
        if (conversation.Aggregate is not { CurrentThreadId: { } currentId }) return (conversation, null, null);
        var current = await session.Events.FetchForWriting<ChatThread>(currentId, ct);
        return (conversation, current, await Posting.FindRepeatAsync(session, currentId, command.Start.ClientMessageId, ct));
    }

    public static (CommandOutcome<SentMessage>, OutgoingMessages) Handle(StartConversation command, IEventStream<Conversation> conversation,
        IEventStream<ChatThread>? current, ThreadMessage? repeat, IDocumentSession session, IMessageContext context, TimeProvider clock)
    {
        // Only a visitor the business's backend signed in is known by their id on every device, where the widget shows the follow-up.
        if (conversation.Aggregate is not { } known || !SignedVisitorIdentity.IsVerifiedVisitorId(known.VisitorId))
            return (Reject.NotFound("No signed-in visitor of this workspace is known by that id or email."), []);
        if (repeat is not null) return (Posting.Repeat(command.ConversationId, repeat), []);

        var decided = StartByAgentDecision.Decide(command.Start, known, current?.Aggregate, command.MaxLength, clock.GetUtcNow());
        if (decided.Rejection is { } refused) return (refused, []);
        conversation.AppendMany(decided.ConversationEvents);
        session.Events.StartStream<ChatThread>(command.Start.ThreadId, [.. decided.ThreadEvents]);
        return (Posting.Sent(command.ConversationId, command.Start.ThreadId, 0, decided.ThreadEvents),
            CurrentThread.Triggers(context, decided.ThreadEvents));
    }
}
