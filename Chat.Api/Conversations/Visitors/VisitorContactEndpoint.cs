using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Conversations;
using Chat.Domain.Conversations.Contact;
using Chat.Projections.Conversations;
using JasperFx.Events;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Conversations.Visitors;

public sealed record VisitorContactRequest(string? Name, string? Email);

/// <summary>How agents can reach the visitor, as it now stands.</summary>
public sealed record VisitorContact(string? Name, string? Email);

/// <summary>
/// The visitor leaves an email (and a name) with a message nobody could answer at once; agents find it with the
/// conversation in their inbox. The widget posts the message first, so there is a conversation to attach it to.
/// Giving the same contact again changes nothing.
/// </summary>
public sealed record GiveVisitorContact(Guid ConversationId, string? Name, string? Email) : IConversationCommand;

public static class GiveVisitorContactEndpoint
{
    /// <summary>The contact as it stands after the command, read in the workspace Wolverine detected for the request.</summary>
    [WolverinePut("/visitor/contact"), Authorize(Policies.Visitor), Tags("Visitor")]
    public static async Task<IResult> Put([FromBody] VisitorContactRequest request,
        ClaimsPrincipal user, IMessageBus bus, IQuerySession session,
        CancellationToken ct)
    {
        var outcome = await bus.RunAsync<ConversationPosition>(new GiveVisitorContact(user.ConversationId(), request.Name, request.Email), ct);
        if (outcome.Rejection is { } rejection)
            return rejection.Kind == RejectionKind.NotFound
                ? Problems.NotFound("You have no conversation yet; leave your message first, then your contact.")
                : Problems.From(rejection);

        var detail = await session.LoadAsync<ConversationDetail>(user.ConversationId(), ct);
        return Results.Ok(new VisitorContact(detail?.VisitorName, detail?.VisitorEmail));
    }
}

public static class GiveVisitorContactHandler
{
    /// <summary>The conversation stream itself, under the conversation's lock like every other writer of it.</summary>
    public static async Task<IEventStream<Conversation>> LoadAsync(GiveVisitorContact command, IDocumentSession session, CancellationToken ct)
    {
        await Infrastructure.WriteLock.AcquireAsync(session, session.TenantId, command.ConversationId, ct);
        return await session.Events.FetchForWriting<Conversation>(command.ConversationId, ct);
    }

    public static CommandOutcome<ConversationPosition> Handle(GiveVisitorContact command, IEventStream<Conversation> conversation, TimeProvider clock)
    {
        if (conversation.Aggregate is null) return CurrentThread.UnknownConversation(command.ConversationId);
        var decision = GiveContactDecision.Decide(new GiveContact(command.Name, command.Email), conversation.Aggregate, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return rejection;
        conversation.AppendMany(decision.Events);
        return new ConversationPosition(command.ConversationId, conversation.CurrentVersion ?? 0);
    }
}
