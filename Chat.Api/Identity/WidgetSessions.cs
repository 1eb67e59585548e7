using Chat.Api.Infrastructure;
using Chat.Api.Widget;
using Chat.Domain;
using Chat.Domain.Conversations.Starting;
using Chat.Domain.Threads.Tagging;
using Marten;

namespace Chat.Api.Identity;

public sealed record WidgetSessionRequest(string? WidgetKey, string? PreviousToken, string? Name, string? Email,
    string? Group, string? Source, SignedIdentity? Identity = null);

/// <summary>Verified: the identity's signature was valid; false means the visitor is anonymous, whatever was sent.</summary>
public sealed record WidgetSession(string VisitorToken, DateTimeOffset ExpiresAt, string VisitorId, Guid ConversationId, bool Verified = false);

/// <summary>
/// The widget's entry point: a public widget key buys a visitor token scoped to that visitor's own
/// conversation. Handing back an earlier token keeps the same visitor, so a returning visitor finds
/// their history.
/// </summary>
public static class WidgetSessions
{
    public const string DefaultGroup = "default";
    private const int MaxFieldLength = 200;

    public static async Task<IResult> StartAsync(WidgetSessionRequest request, IDocumentStore store, TokenIssuer tokens,
        HttpContext http, CancellationToken ct)
    {
        if (Text.IsBlank(request.WidgetKey)) return Problems.Invalid("A widgetKey is required.");
        if (new[] { request.Name, request.Email, request.Source }.Any(v => v?.Length > MaxFieldLength))
            return Problems.Invalid($"name, email and source have at most {MaxFieldLength} characters each.");
        var (group, badGroup) = TagName.Normalize(request.Group ?? DefaultGroup);
        if (badGroup is not null) return Problems.Invalid("The group is not a valid group name.");

        var (workspace, refusal) = await WidgetKeys.OpenAsync(store, request.WidgetKey, http, ct);
        if (workspace is null) return refusal!;

        var verified = false;
        if (request.Identity is not null)
        {
            if (request.Identity.ExternalId?.Length > SignedVisitorIdentity.MaxExternalIdLength || request.Identity.Signature?.Length > MaxFieldLength)
                return Problems.Invalid($"identity.externalId and identity.signature have at most {SignedVisitorIdentity.MaxExternalIdLength} characters each.");
            await using var secrets = store.QuerySession();
            verified = SignedVisitorIdentity.IsValid(request.Identity, request.Email, request.Name,
                await secrets.LoadAsync<IdentitySecret>(workspace.Id, ct));
        }

        var visitorId = verified
            ? SignedVisitorIdentity.VisitorIdFor(workspace.Id, request.Identity!.ExternalId!)
            : await tokens.VisitorOfPreviousTokenAsync(request.PreviousToken, workspace.Id) is { } previous
              && !SignedVisitorIdentity.IsVerifiedVisitorId(previous)
                ? previous
                : $"v_{Guid.NewGuid():N}";
        var profile = new VisitorProfile(visitorId, request.Name?.Trim(), request.Email?.Trim(),
            string.IsNullOrWhiteSpace(request.Source) ? "widget" : request.Source.Trim(), group!, verified);
        var (token, expiresAt) = tokens.ForVisitor(workspace.Id, profile);
        return Results.Ok(new WidgetSession(token, expiresAt, visitorId,
            VisitorIdentity.ConversationIdFor(workspace.Id, visitorId), verified));
    }
}
