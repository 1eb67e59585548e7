using Chat.Api.Conversations.Messaging;
using Chat.Api.Agents;
using Chat.Api.Conversations;
using Chat.Api.Conversations.Reading;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Agents;
using Chat.Domain.Threads;
using Chat.Domain.Threads.Messaging;
using Chat.Projections.Conversations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace Chat.Api.RealTime;

/// <summary>
/// The dashboard's live connection. Every staff connection gets its workspace's inbox changes, waiting
/// chats and presence; a conversation's facts come once it is opened with <see cref="Watch"/>.
/// Auditors watch and catch up; they do not write.
/// </summary>
[Authorize(Policy = Policies.ReadConversations)]
public sealed class AgentHub(GroupCommit posts, IDocumentStore store, IOptions<ChatOptions> options,
    IMessageBus bus, WolverineHttpOptions http, TimeProvider clock, PresenceTracker presence, ThisNode node) : Hub
{
    private string WorkspaceId => Context.User!.WorkspaceId();
    private Guid AgentId => Context.User!.AgentId();
    private bool CountsForPresence => !Context.User!.IsInRole(Roles.Auditor);

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Staff(WorkspaceId));
        if (CountsForPresence)
        {
            node.Hold(Context);
            await presence.ConnectedAsync(WorkspaceId, AgentId, Context.ConnectionId, Context.ConnectionAborted);
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (CountsForPresence)
        {
            node.Release(Context.ConnectionId);
            await presence.DisconnectedAsync(WorkspaceId, AgentId, Context.ConnectionId, CancellationToken.None);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Opens a conversation of the agent's workspace: its facts are pushed from now on.</summary>
    public async Task Watch(Guid conversationId)
    {
        await using var session = store.QuerySession(WorkspaceId);
        if (await session.LoadAsync<ConversationDetail>(conversationId, Context.ConnectionAborted) is null)
            throw HubProblem.Of(404, "Not found", $"Conversation {conversationId} does not exist.");
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.ConversationStaff(WorkspaceId, conversationId));
    }

    public Task Unwatch(Guid conversationId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.ConversationStaff(WorkspaceId, conversationId));

    public async Task<SentMessage> Reply(Guid conversationId, string text, string clientMessageId)
    {
        RequireWorker();
        var command = new PostReply(conversationId, Guid.CreateVersion7(), Context.User!.AsAgent(), text ?? "", clientMessageId ?? "");
        return (await posts.SubmitAsync(await bus.InCallersWorkspaceAsync(Context, http), command, options.Value.Messages.MaxLength))
            .ValueOrThrow();
    }

    public async Task<IReadOnlyList<ThreadEntry>> CatchUp(Guid conversationId, Guid threadId, long afterVersion)
    {
        await using var session = store.QuerySession(WorkspaceId);
        return (await ThreadEntries.ForStaffAsync(session, conversationId, threadId, afterVersion, Context.ConnectionAborted)).ValueOrThrow();
    }

    public async Task Typing(Guid conversationId)
    {
        RequireWorker();
        var now = clock.GetUtcNow();
        if (!TypingThrottle.Admit(Context, now)) return;
        await bus.PublishAsync(new TypingSignal(WorkspaceId, conversationId, ReaderSide.Agent, AgentId.ToString(),
            now + TypingThrottle.Lifetime));
    }

    public async Task SetStatus(AgentStatus status)
    {
        RequireWorker();
        await presence.SetAsync(WorkspaceId, AgentId, status, Context.ConnectionAborted);
    }

    private void RequireWorker()
    {
        if (!CountsForPresence) throw HubProblem.Of(403, "Forbidden", "Auditors read; they do not write.");
    }
}
