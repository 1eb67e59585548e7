using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Tagging;
using Chat.Domain.Threads.Triage;

namespace Chat.Api.Conversations.Triage;

public sealed record TagRequest(string? Tag);

public sealed record PriorityRequest(Priority Priority);

public sealed record ThreadStatusRequest(ThreadStatus Status, DateTimeOffset? SnoozedUntil);

/// <summary>Sorting the work: tags, priority, and parking a thread as pending or snoozed.</summary>
public static class TriageEndpoints
{
    public static RouteGroupBuilder MapTriage(this RouteGroupBuilder staff)
    {
        var conversation = staff.MapGroup("/conversations/{conversationId:guid}").RequireAuthorization(Policies.WorkConversations);

        conversation.MapPost("/tags", (Guid conversationId, TagRequest request, ClaimsPrincipal user,
                ConversationCommands commands, CancellationToken ct) =>
            commands.RunAsync(user, conversationId, (thread, now) => TagDecision.Decide(new Tag(request.Tag ?? "", user.AsAgent()), thread, now), ct));

        conversation.MapDelete("/tags/{tag}", (Guid conversationId, string tag, ClaimsPrincipal user,
                ConversationCommands commands, CancellationToken ct) =>
            commands.RunAsync(user, conversationId, (thread, now) => UntagDecision.Decide(new Untag(tag, user.AsAgent()), thread, now), ct));

        conversation.MapPut("/priority", (Guid conversationId, PriorityRequest request, ClaimsPrincipal user,
                ConversationCommands commands, CancellationToken ct) =>
            commands.RunAsync(user, conversationId,
                (thread, now) => ChangePriorityDecision.Decide(new ChangePriority(request.Priority, user.AsAgent()), thread, now), ct));

        conversation.MapPut("/status", (Guid conversationId, ThreadStatusRequest request, ClaimsPrincipal user,
                ConversationCommands commands, CancellationToken ct) =>
            commands.RunAsync(user, conversationId, (thread, now) => ChangeStatusDecision.Decide(
                new ChangeStatus(request.Status, request.SnoozedUntil, user.AsAgent()), thread, now), ct));

        return staff;
    }
}
