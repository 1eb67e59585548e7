using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Conversations.Contact;
using Chat.Projections.Conversations;
using Marten;

namespace Chat.Api.Conversations.Visitors;

public sealed record VisitorContactRequest(string? Name, string? Email);

/// <summary>How agents can reach the visitor, as it now stands.</summary>
public sealed record VisitorContact(string? Name, string? Email);

/// <summary>
/// The visitor leaves an email (and a name) with a message nobody could answer at once; agents find it with the
/// conversation in their inbox. The widget posts the message first, so there is a conversation to attach it to.
/// Giving the same contact again changes nothing.
/// </summary>
public static class VisitorContactEndpoint
{
    public static RouteGroupBuilder MapVisitorContact(this RouteGroupBuilder visitor)
    {
        visitor.MapPut("/contact", GiveAsync);
        return visitor;
    }

    private static async Task<IResult> GiveAsync(VisitorContactRequest request, ClaimsPrincipal user, ConversationCommands commands,
        IDocumentStore store, CancellationToken ct)
    {
        var command = new GiveContact(request.Name, request.Email);
        var outcome = await commands.OnConversationAsync(user.WorkspaceId(), user.ConversationId(),
            (conversation, now) => GiveContactDecision.Decide(command, conversation, now), ct);
        if (outcome.Rejection is { } rejection)
            return rejection.Kind == RejectionKind.NotFound
                ? Problems.NotFound("You have no conversation yet; leave your message first, then your contact.")
                : Problems.From(rejection);

        await using var session = store.QuerySession(user.WorkspaceId());
        var detail = await session.LoadAsync<ConversationDetail>(user.ConversationId(), ct);
        return Results.Ok(new VisitorContact(detail?.VisitorName, detail?.VisitorEmail));
    }
}
