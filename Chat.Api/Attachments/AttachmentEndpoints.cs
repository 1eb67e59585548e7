using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Projections.Conversations;
using Marten;
using Microsoft.Extensions.Options;

namespace Chat.Api.Attachments;

/// <summary>
/// Uploading and fetching files. A visitor reaches only their own conversation's files, staff their workspace's, and
/// the auditors' route also the files of deleted messages. A message then carries uploads by id (see <see cref="AttachmentIds"/>).
/// </summary>
public static class AttachmentEndpoints
{
    public static RouteGroupBuilder MapAttachments(this RouteGroupBuilder api)
    {
        var visitor = api.MapGroup("/visitor/attachments").RequireAuthorization(Policies.Visitor).WithTags("Visitor");
        visitor.MapPost("", VisitorUploadAsync);
        visitor.MapGet("/{attachmentId:guid}", VisitorFetchAsync);

        api.MapPost("/conversations/{conversationId:guid}/attachments", StaffUploadAsync)
            .RequireAuthorization(Policies.WorkConversations).WithTags("Conversations");
        api.MapGet("/attachments/{attachmentId:guid}", StaffFetchAsync).RequireAuthorization(Policies.ReadConversations).WithTags("Conversations");
        api.MapGet("/audit/attachments/{attachmentId:guid}", AuditFetchAsync).RequireAuthorization(Policies.Audit).WithTags("Audit");
        return api;
    }

    private static Task<IResult> VisitorUploadAsync(HttpContext http, ClaimsPrincipal user, IOptions<ChatOptions> options,
        IAttachmentStore files, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        ReceiveAttachment.ReceiveAsync(http, user.WorkspaceId(), user.ConversationId(), Actor.Visitor(user.SubjectId()),
            options.Value.Attachments, files, store, clock, ct);

    private static async Task<IResult> StaffUploadAsync(Guid conversationId, HttpContext http, ClaimsPrincipal user,
        IOptions<ChatOptions> options, IAttachmentStore files, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using (var session = store.QuerySession(user.WorkspaceId()))
            if (await session.LoadAsync<ConversationDetail>(conversationId, ct) is null)
                return Problems.NotFound($"Conversation {conversationId} does not exist.");
        return await ReceiveAttachment.ReceiveAsync(http, user.WorkspaceId(), conversationId, user.AsAgent(), options.Value.Attachments,
            files, store, clock, ct);
    }

    private static Task<IResult> VisitorFetchAsync(Guid attachmentId, HttpContext http, ClaimsPrincipal user, IAttachmentStore files,
        IDocumentStore store, CancellationToken ct) =>
        ServeAttachment.ServeAsync(http, user.WorkspaceId(), attachmentId, Actor.Visitor(user.SubjectId()), user.ConversationId(),
            evenDeleted: false, files, store, ct);

    private static Task<IResult> StaffFetchAsync(Guid attachmentId, HttpContext http, ClaimsPrincipal user, IAttachmentStore files,
        IDocumentStore store, CancellationToken ct) =>
        ServeAttachment.ServeAsync(http, user.WorkspaceId(), attachmentId, user.AsAgent(), conversationId: null,
            evenDeleted: false, files, store, ct);

    private static Task<IResult> AuditFetchAsync(Guid attachmentId, HttpContext http, ClaimsPrincipal user, IAttachmentStore files,
        IDocumentStore store, CancellationToken ct) =>
        ServeAttachment.ServeAsync(http, user.WorkspaceId(), attachmentId, user.AsAgent(), conversationId: null,
            evenDeleted: true, files, store, ct);
}
